package org.jgrad.examples.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab's claims: hand-written GD and autograd + SGD agree, and each learning rate does what the text says. */
class GradientDescentLabTest {
    private static final GradientDescentLab.Data DATA = GradientDescentLab.Data.generate(1);

    /** Both in float64, summing in different orders: 1e-12 leaves room for the rounding, not for a wrong gradient. */
    @Test
    void handWrittenAndAutogradGiveTheSameNumbers() {
        List<GradientDescentLab.Step> hand = GradientDescentLab.byHand(DATA, 0.3, 20);
        List<GradientDescentLab.Step> auto = GradientDescentLab.withAutograd(DATA, 0.3, 20);
        for (int s = 0; s < hand.size(); s++) {
            assertEquals(hand.get(s).w(), auto.get(s).w(), 1e-12, "w at step " + s);
            assertEquals(hand.get(s).b(), auto.get(s).b(), 1e-12, "b at step " + s);
            assertEquals(hand.get(s).loss(), auto.get(s).loss(), 1e-12, "loss at step " + s);
        }
    }

    private static double[] losses(double lr) {
        return GradientDescentLab.byHand(DATA, lr, GradientDescentLab.STEPS).stream()
                .mapToDouble(GradientDescentLab.Step::loss).toArray();
    }

    @Test
    void eachLearningRateBehavesAsTheTextSays() {
        double[] small = losses(0.01);
        double[] right = losses(0.3);
        double[] large = losses(0.95);
        double[] diverging = losses(1.05);
        int last = GradientDescentLab.STEPS - 1;
        // The noise has variance 0.01: a converged fit sits there.
        assertTrue(right[last] < 0.02, "lr 0.3 converges: " + right[last]);
        assertTrue(small[last] > 10 * right[last], "lr 0.01 is still far: " + small[last]);
        assertTrue(large[last] < 0.1 * large[0], "lr 0.95 still gets down: " + large[last]);
        assertTrue(large[10] > 5 * right[10], "lr 0.95 overshoots: slower than lr 0.3 at step 10");
        List<GradientDescentLab.Step> steps = GradientDescentLab.byHand(DATA, 0.95, 6);
        for (int s = 2; s < 6; s++) {
            double before = steps.get(s - 1).b() - steps.get(s - 2).b();
            double after = steps.get(s).b() - steps.get(s - 1).b();
            assertTrue(before * after < 0, "b zigzags: its steps change sign (step " + s + ")");
        }
        assertTrue(diverging[last] > diverging[0], "lr 1.05 diverges: " + diverging[0] + " -> " + diverging[last]);
    }
}
