package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** When early stopping says stop, and that it gives back the best weights. */
class EarlyStoppingTest {
    private static final TinyMlp MODEL = new TinyMlp(5);

    private static List<Boolean> run(EarlyStopping s, double... metrics) {
        List<Boolean> out = new ArrayList<>();
        for (double m : metrics) {
            out.add(s.step(m, MODEL));
        }
        return out;
    }

    /** After an improvement, exactly {@code patience} non-improving epochs pass before it says stop. */
    @Property(tries = 50)
    void stopsAfterExactlyPatienceBadEpochs(@ForAll @IntRange(min = 1, max = 6) int patience,
            @ForAll @IntRange(min = 1, max = 5) int improving) {
        EarlyStopping s = new EarlyStopping(patience, 0, MetricMode.MIN, false);
        for (int e = 0; e < improving; e++) {
            assertFalse(s.step(10.0 - e, MODEL), "improving epoch " + e);
        }
        for (int bad = 1; bad < patience; bad++) {
            assertFalse(s.step(100.0, MODEL), "bad epoch " + bad + " of patience " + patience);
        }
        assertTrue(s.step(100.0, MODEL), "bad epoch " + patience);
        assertTrue(s.stopped());
        assertEquals(improving - 1, s.bestEpoch());
        assertEquals(10.0 - (improving - 1), s.bestMetric());
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        EarlyStopping s = new EarlyStopping(2, 0.1, MetricMode.MIN, false);
        assertEquals(List.of(false, false, false, false, true), run(s, 1.0, 0.95, 0.85, 0.8, 0.79));
        assertEquals(0.85, s.bestMetric());
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void maxModeWantsHigherMetrics() {
        EarlyStopping s = new EarlyStopping(2, 0, MetricMode.MAX, false);
        assertEquals(List.of(false, false, false, true), run(s, 0.5, 0.7, 0.6, 0.7));
        assertEquals(0.7, s.bestMetric());
        assertEquals(1, s.bestEpoch());
    }

    @Test
    void nanNeverImproves() {
        EarlyStopping s = new EarlyStopping(1, 0, MetricMode.MIN, false);
        assertEquals(List.of(false, true), run(s, 1.0, Double.NaN));
    }

    /** Train, let the metric get worse; on stopping, the model holds exactly the weights of the best epoch. */
    @Test
    void restoresTheBestWeights() {
        TinyMlp model = new TinyMlp(9);
        SGD opt = new SGD(model.parameters(), new SGD.Options(0.1));
        EarlyStopping s = new EarlyStopping(2, 0, MetricMode.MIN, true);
        double[] metrics = {3.0, 2.0, 2.5, 2.4};
        List<float[]> best = null;
        boolean stop = false;
        for (int epoch = 0; epoch < metrics.length; epoch++) {
            model.trainStep(opt);
            if (epoch == 1) {
                best = model.values();
            }
            stop = s.step(metrics[epoch], model);
        }
        assertTrue(stop);
        assertEquals(1, s.bestEpoch());
        List<float[]> restored = model.values();
        for (int i = 0; i < best.size(); i++) {
            assertArrayEquals(best.get(i), restored.get(i), 0f, "parameter " + i);
        }
        model.trainStep(opt);
        assertNotEquals(best.get(0)[0], model.values().get(0)[0]);
        s.restoreBest(model);
        assertArrayEquals(best.get(0), model.values().get(0), 0f, "the snapshot is a copy, unchanged by training");
    }

    @Test
    void restoreBestNeedsASnapshot() {
        EarlyStopping off = new EarlyStopping(1, 0, MetricMode.MIN, false);
        off.step(1.0, MODEL);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> off.restoreBest(MODEL));
        assertTrue(e.getMessage().contains("restoreBestWeights false"), e.getMessage());
        EarlyStopping on = new EarlyStopping(1, 0, MetricMode.MIN, true);
        e = assertThrows(IllegalStateException.class, () -> on.restoreBest(MODEL));
        assertTrue(e.getMessage().contains("no epoch has improved"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarlyStopping(0, 0, MetricMode.MIN, false));
        assertEquals("EarlyStopping: patience must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -1, MetricMode.MIN, false));
        assertEquals("EarlyStopping: minDelta must be >= 0, got -1.0", e.getMessage());
    }
}
