package org.jgrad.examples;

/**
 * MSE, MAE and R^2 of predictions against targets, as the regression examples report them (R^2 against the
 * targets' own mean: 0 for a mean predictor, 1 for a perfect one).
 *
 * <pre>{@code
 * RegressionScores s = RegressionScores.of(new double[] {1, 2}, new double[] {1, 3});   // mse 0.5, mae 0.5, r2 -1
 * }</pre>
 */
public record RegressionScores(double mse, double mae, double r2) {
    public static RegressionScores of(double[] predicted, double[] actual) {
        if (predicted.length != actual.length || actual.length == 0) {
            throw new IllegalArgumentException("RegressionScores: " + predicted.length + " predictions for "
                    + actual.length + " targets (expected the same, non-zero number)");
        }
        double mean = java.util.Arrays.stream(actual).average().orElse(0);
        double se = 0;
        double ae = 0;
        double tot = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = predicted[i] - actual[i];
            se += d * d;
            ae += Math.abs(d);
            tot += (actual[i] - mean) * (actual[i] - mean);
        }
        return new RegressionScores(se / actual.length, ae / actual.length, 1 - se / tot);
    }
}
