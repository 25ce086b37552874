package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/**
 * Schedules against their closed forms (PyTorch steps with the recursive forms; the two agree to rounding,
 * so 1e-12 relative to the base rate), conventions (the initial step, initialLr), SequentialLR,
 * ReduceLROnPlateau's options, and saved state. Single-schedule runs of 6 to 8 epochs are also checked
 * against PyTorch in TorchOptimFixturesTest.
 */
class LRSchedulerTest {
    private static final double BASE = 0.1;

    private static SGD sgd(double... lrs) {
        List<ParamGroup<SGD.Options>> groups = new java.util.ArrayList<>();
        for (double lr : lrs) {
            groups.add(new ParamGroup<>(List.of(Tensor.zeros(DType.F32, 2).requiresGrad(true)), new SGD.Options(lr)));
        }
        return new SGD(groups);
    }

    /** The lr of group 0 at epochs 0..n-1, stepping once per epoch. */
    private static double[] lrs(SGD opt, Runnable step, int n) {
        double[] out = new double[n];
        for (int e = 0; e < n; e++) {
            out[e] = opt.paramGroups().get(0).lr();
            step.run();
        }
        return out;
    }

    private static void assertSchedule(IntToDoubleFunction expected, double[] actual) {
        for (int e = 0; e < actual.length; e++) {
            assertEquals(expected.applyAsDouble(e), actual[e], 1e-12 * BASE, "epoch " + e);
        }
    }

    @Test
    void stepLrDecaysEveryStepSizeEpochs() {
        SGD opt = sgd(BASE);
        StepLR s = new StepLR(opt, 3, 0.5);
        assertSchedule(e -> BASE * Math.pow(0.5, e / 3), lrs(opt, s::step, 10));
    }

    @Test
    void exponentialLrDecaysEveryEpoch() {
        SGD opt = sgd(BASE);
        ExponentialLR s = new ExponentialLR(opt, 0.8);
        assertSchedule(e -> BASE * Math.pow(0.8, e), lrs(opt, s::step, 10));
    }

    /** Past tMax PyTorch's recursive form follows the cosine back up (period 2 tMax), through the bottom step. */
    @Test
    void cosineAnnealingFollowsTheCosineBeyondTMax() {
        SGD opt = sgd(BASE);
        CosineAnnealingLR s = new CosineAnnealingLR(opt, 4, 0.001);
        double[] lrs = lrs(opt, s::step, 20);
        assertSchedule(e -> 0.001 + (BASE - 0.001) * (1 + Math.cos(Math.PI * e / 4)) / 2, lrs);
        assertEquals(0.001, lrs[4], 1e-15);
        assertEquals(BASE, lrs[8], 1e-15);
    }

    @Test
    void linearWarmUpStartsAtTheStartFactorOnConstruction() {
        SGD opt = sgd(BASE);
        LinearLR s = new LinearLR(opt, 0.25, 1.0, 4);
        assertEquals(0, s.lastEpoch());
        assertEquals(0.25 * BASE, opt.paramGroups().get(0).lr(), 1e-15, "the initial step applies the start factor");
        assertArrayEquals(new double[] {0.25 * BASE}, s.lastLr(), 1e-15);
        assertSchedule(e -> BASE * (0.25 + 0.75 * Math.min(e, 4) / 4), lrs(opt, s::step, 8));
    }

    @Test
    void everyGroupIsScheduledFromItsOwnBase() {
        SGD opt = sgd(0.1, 0.02);
        ExponentialLR s = new ExponentialLR(opt, 0.5);
        s.step();
        s.step();
        assertArrayEquals(new double[] {0.1 / 4, 0.02 / 4}, s.lastLr(), 1e-15);
        assertArrayEquals(new double[] {0.1, 0.02}, s.baseLrs());
        assertEquals(0.1, opt.paramGroups().get(0).initialLr().getAsDouble());
    }

    /** Warm-up then cosine; the expected values are the closed forms, which PyTorch 1.13 reproduces to 4e-17. */
    @Test
    void sequentialWarmUpThenCosine() {
        SGD opt = sgd(BASE);
        LinearLR warmUp = new LinearLR(opt, 0.1, 1.0, 3);
        CosineAnnealingLR cosine = new CosineAnnealingLR(opt, 5, 0.001);
        SequentialLR s = new SequentialLR(opt, List.of(warmUp, cosine), new int[] {3});
        assertEquals(0.1 * BASE, opt.paramGroups().get(0).lr(), 1e-15);
        assertSchedule(e -> e < 3 ? BASE * (0.1 + 0.9 * e / 3)
                : 0.001 + (BASE - 0.001) * (1 + Math.cos(Math.PI * (e - 3) / 5)) / 2, lrs(opt, s::step, 14));
        assertEquals(opt.paramGroups().get(0).lr(), s.lastLr()[0]);
    }

    @Test
    void sequentialChecksItsArguments() {
        SGD opt = sgd(BASE);
        SGD other = sgd(BASE);
        LinearLR a = new LinearLR(opt, 0.5, 1.0, 2);
        StepLR b = new StepLR(other, 2, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(opt, List.of(a, b), new int[] {2}));
        assertTrue(e.getMessage().contains("scheduler at index 1 belongs to another one"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SequentialLR(opt, List.of(a), new int[] {2}));
        assertTrue(e.getMessage().contains("one milestone fewer than schedulers"), e.getMessage());
    }

    /** Verified with PyTorch 1.13: ReduceLROnPlateau('max', 0.5, patience 0, threshold 0.1 abs, cooldown 1, min_lr 0.02). */
    @Test
    void plateauWithMaxModeAbsoluteThresholdCooldownAndMinLr() {
        SGD opt = sgd(BASE);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, MetricMode.MAX, 0.5, 0, 0.1, ThresholdMode.ABS, 1, 0.02, 1e-8);
        double[] metrics = {1.0, 1.05, 1.0, 0.9, 0.8, 0.7, 0.6, 0.5};
        double[] expected = {0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02};
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            assertEquals(expected[i], opt.paramGroups().get(0).lr(), 1e-15, "after metric " + i);
        }
        assertEquals(1.0, s.best());
    }

    @Test
    void badScheduleArgumentsAreRejected() {
        SGD opt = sgd(BASE);
        assertMessage(() -> new StepLR(opt, 0, 0.5), "StepLR: stepSize must be >= 1, got 0");
        assertMessage(() -> new LinearLR(opt, 0, 1, 3), "LinearLR: startFactor must be in (0, 1], got 0.0");
        assertMessage(() -> new LinearLR(opt, 0.5, 1.5, 3), "LinearLR: endFactor must be in [0, 1], got 1.5");
        assertMessage(() -> new CosineAnnealingLR(opt, 0, 0), "CosineAnnealingLR: tMax must be >= 1, got 0");
        assertMessage(() -> new ReduceLROnPlateau(opt, MetricMode.MIN, 1.0, 1, 0, ThresholdMode.REL, 0, 0, 0),
                "ReduceLROnPlateau: factor should be < 1.0");
        assertEquals(BASE, opt.paramGroups().get(0).lr(), "rejected schedules leave the learning rate alone");
        assertTrue(opt.paramGroups().get(0).initialLr().isEmpty(), "and record no initialLr");
    }

    private static void assertMessage(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    // ---------------------------------------------------------------- saved state

    /** Save optimizer and schedule after 3 epochs; fresh ones loaded from them continue with the same lrs. */
    @Test
    void aRestoredScheduleContinuesExactly() {
        SGD opt = sgd(BASE);
        SequentialLR s = new SequentialLR(opt, List.of(new LinearLR(opt, 0.1, 1.0, 3),
                new CosineAnnealingLR(opt, 5, 0.001)), new int[] {3});
        for (int e = 0; e < 3; e++) {
            s.step();
        }
        OptimizerState optState = opt.stateDict();
        Map<String, Double> schedState = s.stateDict();
        double[] expected = lrs(opt, s::step, 6);

        SGD opt2 = sgd(0.7);
        SequentialLR s2 = new SequentialLR(opt2, List.of(new LinearLR(opt2, 0.1, 1.0, 3),
                new CosineAnnealingLR(opt2, 5, 0.001)), new int[] {3});
        opt2.loadStateDict(optState);
        s2.loadStateDict(schedState);
        assertArrayEquals(expected, lrs(opt2, s2::step, 6), 0.0);
    }

    @Test
    void plateauStateRestores() {
        SGD opt = sgd(BASE);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, MetricMode.MIN, 0.5, 1, 0, ThresholdMode.ABS, 0, 0, 0);
        s.step(1.0);
        s.step(2.0);
        ReduceLROnPlateau s2 = new ReduceLROnPlateau(opt, MetricMode.MIN, 0.5, 1, 0, ThresholdMode.ABS, 0, 0, 0);
        s2.loadStateDict(s.stateDict());
        s2.step(3.0);   // the second bad epoch in a row: more than patience 1
        assertEquals(0.05, opt.paramGroups().get(0).lr(), 1e-15);
        assertMessage(() -> s2.loadStateDict(Map.of("best", 1.0)), "ReduceLROnPlateau.loadStateDict: expected the keys");
    }

    @Test
    void aMismatchedScheduleStateIsRefusedAndChangesNothing() {
        SGD opt = sgd(BASE, 0.2);
        StepLR s = new StepLR(opt, 2, 0.5);
        s.step();
        Map<String, Double> before = s.stateDict();
        StepLR oneGroup = new StepLR(sgd(BASE), 2, 0.5);
        assertMessage(() -> s.loadStateDict(oneGroup.stateDict()), "StepLR.loadStateDict: expected lastEpoch, baseLr.0..1");
        assertEquals(before, s.stateDict());
    }
}
