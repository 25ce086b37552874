package org.jgrad.examples.gpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** The tiny GPT: attention is causal, it learns below the baselines, and sampling respects top-k. */
class TinyGptTest {
    private static final String TEXT = "the cat sat on the mat. the dog sat on the log. a cat and a dog sat together. "
            .repeat(40);

    /** Changing the token at position 5 changes no output before position 5 (bit for bit), and does change 5. */
    @Test
    void changingAFutureTokenNeverChangesAnEarlierOutput() {
        TinyGpt gpt = new TinyGpt(20, 2, 32, 4, 12, 0.1, new Generator(3));
        gpt.eval();
        long[] a = {1, 4, 7, 2, 9, 3, 3, 8, 0, 5, 6, 1};
        long[] b = a.clone();
        b[5] = 17;
        try (var noGrad = GradMode.noGrad()) {
            float[] la = (float[]) gpt.forward(Tensor.of(NDArray.of(a).reshape(1, 12).to(DType.I64))).data().toArray();
            float[] lb = (float[]) gpt.forward(Tensor.of(NDArray.of(b).reshape(1, 12).to(DType.I64))).data().toArray();
            int perPosition = 20;
            for (int t = 0; t < 12; t++) {
                float[] pa = java.util.Arrays.copyOfRange(la, t * perPosition, (t + 1) * perPosition);
                float[] pb = java.util.Arrays.copyOfRange(lb, t * perPosition, (t + 1) * perPosition);
                if (t < 5) {
                    assertArrayEquals(pa, pb, "position " + t + " saw the future");
                } else if (t == 5) {
                    assertTrue(!java.util.Arrays.equals(pa, pb), "position 5 ignores its own token");
                }
            }
        }
    }

    /** Each head's weights: rows sum to 1, nothing above the diagonal (causal); the heatmap is written. */
    @Test
    void attentionMapsAreCausalDistributionsAndDraw(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        TinyGpt gpt = new TinyGpt(20, 2, 32, 4, 12, 0.1, new Generator(4));
        long[] ids = {1, 4, 7, 2, 9, 3, 3, 8};
        java.util.List<Tensor> maps = gpt.attentionMaps(Tensor.of(NDArray.of(ids).reshape(1, 8).to(DType.I64)));
        assertEquals(2, maps.size());
        for (Tensor m : maps) {
            assertArrayEquals(new int[] {1, 4, 8, 8}, m.shape().toArray());
            double[] w = (double[]) m.data().to(DType.F64).toArray();
            for (int row = 0; row < 4 * 8; row++) {
                double sum = 0;
                for (int k = 0; k < 8; k++) {
                    double v = w[row * 8 + k];
                    sum += v;
                    if (k > row % 8) {
                        assertEquals(0.0, v, "query " + row % 8 + " attends to the later key " + k);
                    }
                }
                assertEquals(1.0, sum, 1e-6, "a softmax row sums to 1");
            }
        }
        java.nio.file.Path png = dir.resolve("attention.png");
        AttentionHeatmap.write(maps, "abcdefgh", png);
        assertTrue(java.nio.file.Files.size(png) > 1000);
    }

    @Test
    void trainingBeatsTheBaselines() {
        CharCorpus corpus = CharCorpus.of(TEXT);
        TinyGpt gpt = new TinyGpt(corpus.vocabSize(), 1, 32, 4, 16, 0.0, new Generator(1));
        double bits = GptRun.train(gpt, corpus, 250, 3e-3, 16, 1, false);
        System.out.printf("[gpt] 250 steps on a repeated text: %.3f bits/char (unigram %.3f, bigram %.3f)%n", bits,
                corpus.unigramBits(), corpus.bigramBits());
        assertTrue(bits < corpus.bigramBits(), "the model beats the bigram baseline: " + bits);
    }

    /** Sinusoidal positions: the table is sin/cos of position over 10000^(2i/d), frozen, and the model still learns. */
    @Test
    void sinusoidalPositionsAreFixedAndTrain() {
        CharCorpus corpus = CharCorpus.of(TEXT);
        TinyGpt gpt = new TinyGpt(corpus.vocabSize(), 1, 32, 4, 16, 0.0, true, new Generator(1));
        float[] table = (float[]) gpt.positions.weight().data().toArray();
        assertEquals(Math.sin(3.0), table[3 * 32], 1e-6, "position 3, feature 0: sin(3)");
        assertEquals(Math.cos(3.0 / Math.pow(10000, 2.0 / 32)), table[3 * 32 + 3], 1e-6, "position 3, feature 3");
        double bits = GptRun.train(gpt, corpus, 250, 3e-3, 16, 1, false);
        float[] after = (float[]) gpt.positions.weight().data().toArray();
        assertArrayEquals(table, after, "the sinusoidal table is not trained");
        assertTrue(bits < corpus.bigramBits(), "learns with fixed positions too: " + bits);
    }

    @Test
    void topKSamplingNeverPicksOutsideTheTopK() {
        double[] logits = {0.1, 5.0, -2.0, 4.0, 3.0};
        Generator gen = new Generator(2);
        for (int i = 0; i < 200; i++) {
            int pick = GptRun.pick(logits, 1.0, 2, gen);
            assertTrue(pick == 1 || pick == 3, "picked " + pick);
        }
        assertEquals(1, GptRun.pick(logits, 1e-6, 5, gen), "a temperature near 0 is greedy");
    }
}
