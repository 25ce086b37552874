package org.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's hand-written gradient-descent example really learns. */
class TwoLayerMlpTest {
    @Test
    void lossFallsFarBelowTheVarianceOfTheTarget() {
        // sin on [-3, 3] has variance about 0.47: predicting a constant scores that. A fitted MLP is far below.
        double start = TwoLayerMlp.fit(0, false);
        double end = TwoLayerMlp.fit(1500, false);
        assertTrue(end < 0.01 && end < start / 20, "mse went from " + start + " to " + end);
    }
}
