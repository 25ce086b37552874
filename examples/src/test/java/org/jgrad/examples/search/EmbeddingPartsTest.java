package org.jgrad.examples.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** The pieces of product search on hand-made cases: the contrastive loss, text encoding, hybrid vectors, texts. */
class EmbeddingPartsTest {
    private static Tensor rows(float[][] v) {
        return Tensor.of(NDArray.on().of(v));
    }

    @Test
    void infoNceOnOrthogonalPairsIsTheSoftmaxOfTheirCosines() {
        // a = b = I (2 x 2), temperature 1: logits [[1, 0], [0, 1]]; each row's cross-entropy towards the diagonal
        // is -log(e / (e + 1)) = log(1 + 1/e) = 0.31326, in both directions, so the mean is 0.31326.
        Tensor eye = rows(new float[][] {{1, 0}, {0, 1}});
        assertEquals(Math.log(1 + Math.exp(-1)), InfoNce.loss(eye, eye, 1.0).item(), 1e-6);
        // Swapped pairs: the matching cosine is 0 and the other 1: -log(1 / (1 + e)) = 1.31326.
        Tensor swapped = rows(new float[][] {{0, 1}, {1, 0}});
        assertEquals(Math.log(1 + Math.E), InfoNce.loss(eye, swapped, 1.0).item(), 1e-6);
        // Not symmetric: a = [[1, 0], [1, 0]], b = I. Text to product (rows of [[1, 0], [1, 0]]): -log(e / (e + 1))
        // and -log(1 / (e + 1)), mean 0.81326; product to text (rows of [[1, 1], [0, 0]]): log 2 twice. The loss is
        // the mean of both directions, (0.81326 + 0.69315) / 2 = 0.75320.
        Tensor same = rows(new float[][] {{1, 0}, {1, 0}});
        double textToProduct = (Math.log(1 + Math.exp(-1)) + Math.log(1 + Math.E)) / 2;
        assertEquals((textToProduct + Math.log(2)) / 2, InfoNce.loss(same, eye, 1.0).item(), 1e-6);
        // Only directions count: scaling a row changes nothing.
        Tensor scaled = rows(new float[][] {{3, 0}, {0, 0.5f}});
        assertEquals(InfoNce.loss(eye, eye, 0.1).item(), InfoNce.loss(scaled, eye, 0.1).item(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> InfoNce.loss(eye, rows(new float[][] {{1, 0}}), 1.0));
        assertThrows(IllegalArgumentException.class, () -> InfoNce.loss(eye, eye, 0.0));
    }

    @Test
    void paddingNeitherChangesATextsVectorNorGetsAGradient() {
        Vocabulary v = Vocabulary.of(List.of("dark wool coat", "light summer silk dress by juniper"));
        Tensor ids = v.encode(List.of("dark coat", "light summer silk dress"));
        assertEquals(List.of(2, 4), List.of(ids.shape().toArray()[0], ids.shape().toArray()[1]));
        assertArrayEquals(new long[] {2, 4, 0, 0, 5, 6, 7, 8}, ids.toLongArray());
        assertEquals(Vocabulary.UNKNOWN, v.id("tweed"));
        TextEncoder enc = new TextEncoder(v.size(), 8, 4, new Generator(3));
        try (var noGrad = GradMode.noGrad()) {
            float[] alone = enc.forward(v.encode(List.of("dark coat"))).toFloatArray();
            float[] inBatch = Arrays.copyOf(enc.forward(ids).toFloatArray(), 4);
            assertArrayEquals(alone, inBatch, 1e-6f, "the mean is over the text's own words only");
        }
        enc.forward(ids).sum().backward();
        Tensor embedding = enc.parameters().get(0);
        float[] padRow = Arrays.copyOf(embedding.grad().toFloatArray(), 8);
        assertArrayEquals(new float[8], padRow, "the padding row gets no gradient");
    }

    @Test
    void hybridVectorsAreUnitMixturesOfTheNormalisedViews() {
        Tensor text = rows(new float[][] {{3, 0}, {0, 2}});
        Tensor image = rows(new float[][] {{0, 5}, {0, 1}});
        float[] h = HybridVectors.combine(text, image, 0.7, 0.3).toFloatArray();
        // Row 0: 0.7 (1, 0) + 0.3 (0, 1) = (0.7, 0.3), over its norm 0.76158.
        double n = Math.hypot(0.7, 0.3);
        assertArrayEquals(new float[] {(float) (0.7 / n), (float) (0.3 / n), 0, 1}, h, 1e-6f);
        float[] textOnly = HybridVectors.combine(text, image, 1, 0).toFloatArray();
        assertArrayEquals(new float[] {1, 0, 0, 1}, textOnly, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> HybridVectors.combine(text, image, 0, 0));
    }

    @Test
    void descriptionsUseTheirCategorysWordsAndTheImagesTone() {
        Descriptions d = Descriptions.FASHION;
        float[] dark = new float[784];
        Arrays.fill(dark, 100, 300, 0.3f);
        float[] light = new float[784];
        Arrays.fill(light, 100, 300, 0.9f);
        assertEquals("dark", Descriptions.tone(dark));
        assertEquals("light", Descriptions.tone(light));
        Generator gen = new Generator(5);
        for (int i = 0; i < 200; i++) {
            int category = i % 10;
            String text = d.describe(category, i % 2 == 0 ? dark : light, gen);
            assertTrue(text.startsWith(i % 2 == 0 ? "dark " : "light "), text);
            Set<String> allowed = new HashSet<>(List.of("dark", "light", "by"));
            for (String[] words : List.of(d.nouns()[category], d.materials()[category], d.styles()[category])) {
                for (String w : words) {
                    allowed.addAll(Arrays.asList(w.split(" ")));
                }
            }
            String brand = text.substring(text.indexOf(" by ") + 4);
            for (String w : text.substring(0, text.indexOf(" by ")).split(" ")) {
                assertTrue(allowed.contains(w), "'" + w + "' in \"" + text + "\" is not a word of " + d.categories()[category]);
            }
            assertTrue(!brand.isEmpty(), text);
        }
        assertEquals(d.describe(3, dark, new Generator(9)), d.describe(3, dark, new Generator(9)), "seeded");
    }
}
