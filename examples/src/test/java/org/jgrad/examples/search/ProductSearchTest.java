package org.jgrad.examples.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.junit.jupiter.api.Test;

/**
 * Product search end to end on a small catalogue of drawn digits (3,000 training products, 500 held out): the
 * CNN learns the categories, the text encoder learns to land near its products (its loss falls), retrieval by
 * every kind of vector beats chance (P@10 = 0.1 for ten equal categories) by far, and mixing in the image vector
 * improves on the text alone. (Digits' descriptions name the digit only half the time, so here the text is the
 * weaker view and the hybrid need not beat the image; on Fashion-MNIST it beats both, see the README.)
 */
class ProductSearchTest {
    @Test
    void encodersLearnAndSearchFindsTheCategory() throws Exception {
        Catalog c = Catalog.load("drawn", 6_000, 500, 1);
        ImageEncoder cnn = new ImageEncoder(32, 10, new Generator(1));
        List<double[]> cnnCurve = EncoderTraining.trainImages(cnn, c, 2, 64, 2e-3, 1, r -> { });
        Tensor image = EncoderTraining.imageVectors(cnn, c);
        Vocabulary vocab = Vocabulary.of(Arrays.asList(c.descriptions()).subList(0, c.trainCount()));
        TextEncoder text = new TextEncoder(vocab.size(), 32, 32, new Generator(2));
        List<double[]> textCurve = EncoderTraining.trainText(text, vocab, c, image, 3, 128, 3e-3, 0.1, 1, r -> { });
        Tensor textVectors = EncoderTraining.textVectors(text, vocab, Arrays.asList(c.descriptions()));
        Tensor hybrid = HybridVectors.combine(textVectors, image, 0.7, 0.3);

        int[] queries = new int[100];
        Arrays.setAll(queries, i -> c.trainCount() + 5 * i);
        double pText = precisionAt10(textVectors, queries, c);
        double pImage = precisionAt10(image, queries, c);
        double pHybrid = precisionAt10(hybrid, queries, c);
        System.out.printf("[search] cnn accuracy %.1f%%; InfoNCE %.3f -> %.3f; P@10 text %.3f, image %.3f,"
                + " hybrid %.3f%n", cnnCurve.get(1)[2], textCurve.get(0)[1], textCurve.get(2)[1], pText, pImage,
                pHybrid);
        assertTrue(cnnCurve.get(1)[2] > 70, "CNN held-out accuracy " + cnnCurve.get(1)[2]);
        assertTrue(textCurve.get(2)[1] < textCurve.get(0)[1] - 0.2, "InfoNCE went down: " + textCurve.get(0)[1]
                + " -> " + textCurve.get(2)[1]);
        assertTrue(pText > 0.4 && pImage > 0.8, "text " + pText + ", image " + pImage + " (chance 0.1)");
        assertTrue(pHybrid > pText + 0.05, "the image part improves on text alone: hybrid " + pHybrid + " vs text "
                + pText);
    }

    private static double precisionAt10(Tensor vectors, int[] queries, Catalog c) {
        int dim = vectors.size(1);
        float[] all = vectors.toFloatArray();
        ExactSearch index = new ExactSearch(all, c.size(), dim);
        float[] q = new float[queries.length * dim];
        for (int i = 0; i < queries.length; i++) {
            System.arraycopy(all, queries[i] * dim, q, i * dim, dim);
        }
        return SearchEvaluation.run(index, q, queries, c).precision(10);
    }
}
