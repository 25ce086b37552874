package org.jgrad.examples.labs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.jgrad.examples.hippo.MnistSource;
import org.jgrad.examples.labs.FailureModesLab.Experiment;
import org.jgrad.examples.labs.FailureModesLab.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each experiment goes the way textbooks say (directions, not exact numbers): He trains the deep ReLU net;
 * zeros never break symmetry; N(0, 1) explodes and N(0, 1e-3) vanishes; a 10x learning rate diverges and the
 * NaN detector names the step and layer; sigmoid's gradients shrink towards the input. Chance is 10%.
 */
class FailureModesLabTest {
    private static final Map<Experiment, Outcome> RUNS = new EnumMap<>(Experiment.class);

    @BeforeAll
    static void runAll() throws Exception {
        MnistSource.Data data = MnistSource.parse("drawn").load(3_000, 500, 7);
        for (Experiment e : Experiment.values()) {
            RUNS.put(e, FailureModesLab.run(e, data, 2, 64, 1));
        }
    }

    @Test
    void heTrainsTheDeepReluNet() {
        Outcome he = RUNS.get(Experiment.HE);
        assertNull(he.stoppedAt());
        assertTrue(he.accEnd() > 60, "He: " + he.accEnd() + "%");
        assertTrue(he.accEnd() > RUNS.get(Experiment.SIGMOID).accEnd() + 20, "ReLU + He beats sigmoid");
    }

    @Test
    void zerosNeverBreakSymmetry() {
        Outcome zeros = RUNS.get(Experiment.ZEROS);
        for (double norm : zeros.firstGradNorms()) {
            assertEquals(0.0, norm, "with all weights zero, no weight gets a gradient");
        }
        double[] w = (double[]) FailureModesLab.linears(zeros.net()).get(1).weight().data()
                .to(org.jgrad.core.DType.F64).toArray();
        for (double v : w) {
            assertEquals(w[0], v, "every hidden unit stays identical");
        }
        assertTrue(zeros.accEnd() < 20, "zeros learn nothing: " + zeros.accEnd() + "%");
    }

    @Test
    void unitNormalExplodesAndTinyNormalVanishes() {
        Outcome big = RUNS.get(Experiment.NORMAL_1);
        assertNotNull(big.stoppedAt(), "N(0, 1) blows up and the NaN detector stops it");
        assertTrue(big.stoppedAt().contains("layer"), big.stoppedAt());
        Outcome he = RUNS.get(Experiment.HE);
        Outcome tiny = RUNS.get(Experiment.NORMAL_1E3);
        assertTrue(big.firstGradNorms()[0] > 1000 * he.firstGradNorms()[0], "exploding gradients");
        assertTrue(tiny.firstGradNorms()[0] < 1e-5 * he.firstGradNorms()[0], "vanishing gradients");
        assertTrue(tiny.accEnd() < 20, "N(0, 1e-3) does not learn in time: " + tiny.accEnd() + "%");
    }

    @Test
    void aLearningRate10xTooHighDivergesAndIsStopped() {
        Outcome fast = RUNS.get(Experiment.LR_10X);
        assertNotNull(fast.stoppedAt(), "lr x10 diverges");
        assertTrue(fast.stoppedAt().matches("step \\d+ \\(epoch \\d+\\), (layer \\d+'s weight gradient|the loss) is .*"),
                fast.stoppedAt());
    }

    @Test
    void sigmoidGradientsShrinkTowardsTheInput() {
        double[] norms = RUNS.get(Experiment.SIGMOID).firstGradNorms();
        assertTrue(norms[0] < 0.1 * norms[norms.length - 1], "first layer " + norms[0] + " vs last "
                + norms[norms.length - 1]);
    }
}
