package org.jgrad.examples.price;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.Generator;
import org.jgrad.nn.layers.Linear;
import org.junit.jupiter.api.Test;

/** The hashing vectorizer, the network's size, and that the MLP learns prices a linear model cannot fully. */
class PriceRegressionTest {
    @Test
    void hashingDropsStopWordsAndIsStable() {
        HashingVectorizer hv = new HashingVectorizer(5000);
        int[] a = hv.columns("The Maison leather boots, size large");
        int[] b = hv.columns("maison LEATHER boots size large with the");
        assertArrayEquals(a, b, "case, punctuation and stop words do not change the features");
        assertEquals(5, a.length, "maison, leather, boots, size, large");
        for (int c : a) {
            assertTrue(c >= 0 && c < 5000);
        }
    }

    @Test
    void theNetworkHasTheIssuesParameterCount() {
        long n = PriceRegression.mlp(new Generator(1)).parameters().stream().mapToLong(t -> t.numel()).sum();
        assertEquals(669_249, n);
    }

    /** log(price) the catalogue gives a title's words, without noise. */
    private static double truth(String category, String brand, String material) {
        return Math.log(factor(Catalogue.CATEGORIES, category) * factor(Catalogue.BRANDS, brand)
                * factor(Catalogue.MATERIALS, material) * Catalogue.interaction(category, brand, material));
    }

    private static double factor(Catalogue.Factor[] table, String word) {
        for (Catalogue.Factor f : table) {
            if (f.word().equals(word)) {
                return f.factor();
            }
        }
        throw new IllegalArgumentException(word);
    }

    /** Mean |error| in log price over probe titles whose price hinges on an interaction (leather boots, ...). */
    private static double probeError(org.jgrad.nn.Module model, double mean) {
        HashingVectorizer hv = new HashingVectorizer(PriceRegression.FEATURES);
        double total = 0;
        int n = 0;
        for (String cat : new String[] {"boots", "jacket", "backpack"}) {
            for (Catalogue.Factor brand : Catalogue.BRANDS) {
                int[][] row = {hv.columns(brand.word() + " leather " + cat + ", size medium")};
                try (var noGrad = org.jgrad.autograd.GradMode.noGrad()) {
                    double predicted = model.forward(org.jgrad.autograd.Tensor.of(PriceRegression.dense(row, 0, 1)))
                            .item() + mean;
                    total += Math.abs(predicted - truth(cat, brand.word(), "leather"));
                    n++;
                }
            }
        }
        return total / n;
    }

    /**
     * Log price is linear in the words except for the catalogue's interactions: on titles whose price hinges on
     * one (leather boots, jackets, backpacks: 1.8x), a model linear in the words must err, the MLP need not.
     */
    @Test
    void mlpLearnsTheInteractionsALinearModelCannot() {
        PriceRegression.Data d = PriceRegression.Data.build(12_000, 3);
        double mean = java.util.Arrays.stream(d.trainY()).average().orElse(0);
        org.jgrad.nn.Module mlp = PriceRegression.mlp(new Generator(3));
        PriceRegression.Scores mlpScores = PriceRegression.train(mlp, 1e-3, d, 3, 3, false);
        Linear linear = new Linear(PriceRegression.FEATURES, 1, new Generator(3));
        PriceRegression.Scores linearScores = PriceRegression.train(linear, 1e-2, d, 3, 3, false);
        double mlpProbe = probeError(mlp, mean);
        double linearProbe = probeError(linear, mean);
        System.out.printf("[price] 12,000 products, 3 epochs: R2 MLP %.3f, linear %.3f; interaction probes: |error|"
                + " MLP %.3f, linear %.3f%n", mlpScores.r2(), linearScores.r2(), mlpProbe, linearProbe);
        assertTrue(linearScores.r2() > 0.5 && mlpScores.r2() > 0.85, "both learn prices");
        assertTrue(mlpProbe < 0.7 * linearProbe, "MLP " + mlpProbe + " vs linear " + linearProbe);
    }
}
