package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/** Construction checks, zeroGrad, skipped parameters, and the update rules on hand-checkable cases. */
class OptimizerTest {
    private static Tensor param(float... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    /** Gives {@code p} exactly the gradient {@code g}: d/dp sum(p * g) = g. */
    private static void setGrad(Tensor p, float... g) {
        p.zeroGrad();
        p.mul(Tensor.of(g)).sum().backward();
    }

    private static void assertRejected(Supplier<?> make, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        assertTrue(e.getMessage().contains(message), "expected \"" + message + "\" in: " + e.getMessage());
    }

    // ---------------------------------------------------------------- hyper-parameters

    @Test
    void badHyperParametersAreRejectedWithPyTorchsMessages() {
        List<Tensor> ps = List.of(param(1f));
        assertRejected(() -> new SGD(ps, new SGD.Options(-0.1)), "SGD: invalid learning rate: -0.1");
        assertRejected(() -> new SGD(ps, new SGD.Options(Double.NaN)), "SGD: invalid learning rate: NaN");
        assertRejected(() -> new SGD(ps, new SGD.Options(0.1).momentum(-1)), "SGD: invalid momentum value: -1.0");
        assertRejected(() -> new SGD(ps, new SGD.Options(0.1).weightDecay(-1)), "SGD: invalid weight_decay value: -1.0");
        assertRejected(() -> new SGD(ps, new SGD.Options(0.1).nesterov(true)),
                "SGD: Nesterov momentum requires a momentum and zero dampening");
        assertRejected(() -> new SGD(ps, new SGD.Options(0.1).momentum(0.9).dampening(0.1).nesterov(true)),
                "Nesterov momentum requires a momentum and zero dampening (got momentum 0.9, dampening 0.1)");
        assertRejected(() -> new Adam(ps, new Adam.Options().betas(1.0, 0.999)),
                "Adam: invalid beta parameter at index 0: 1.0 (must be in [0, 1))");
        assertRejected(() -> new Adam(ps, new Adam.Options().betas(0.9, -0.1)),
                "Adam: invalid beta parameter at index 1: -0.1");
        assertRejected(() -> new Adam(ps, new Adam.Options().eps(-1e-8)), "Adam: invalid epsilon value: -1.0E-8");
        assertRejected(() -> new AdamW(ps, new AdamW.Options().weightDecay(-0.01)),
                "AdamW: invalid weight_decay value: -0.01");
        assertRejected(() -> new RMSprop(ps, new RMSprop.Options().alpha(-0.5)), "RMSprop: invalid alpha value: -0.5");
        assertRejected(() -> new RMSprop(ps, new RMSprop.Options().momentum(-0.5)),
                "RMSprop: invalid momentum value: -0.5");
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new Adam.Options(1e-3, 0.9, 0.999, 1e-8, 0, false), new Adam.Options());
        assertEquals(new AdamW.Options(1e-3, 0.9, 0.999, 1e-8, 0.01, false), new AdamW.Options());
        assertEquals(new RMSprop.Options(1e-2, 0.99, 1e-8, 0, 0, false), new RMSprop.Options());
        assertEquals(new SGD.Options(0.5, 0, 0, 0, false), new SGD.Options(0.5));
    }

    @Test
    void aBadLearningRateFromAScheduleIsRejectedAndTheGroupKeepsItsOwn() {
        SGD opt = new SGD(List.of(param(1f)), new SGD.Options(0.1).momentum(0.9));
        ParamGroup<SGD.Options> group = opt.paramGroups().get(0);
        assertRejected(() -> {
            group.setLr(-1);
            return null;
        }, "SGD: invalid learning rate: -1.0");
        assertEquals(new SGD.Options(0.1).momentum(0.9), group.options());
        group.setLr(0.01);
        assertEquals(new SGD.Options(0.01).momentum(0.9), group.options());
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void parameterListsAreChecked() {
        Tensor a = param(1f);
        Tensor b = param(2f);
        SGD.Options o = new SGD.Options(0.1);
        assertRejected(() -> new SGD(List.of(), o), "SGD: got an empty parameter list");
        assertRejected(() -> new SGD(List.of(a, b, a), o),
                "parameter 2 of param group 0 (shape [1]) is the same tensor as parameter 0 of param group 0");
        assertRejected(() -> new SGD(List.of(new ParamGroup<>(List.of(a), o), new ParamGroup<>(List.of(b, a), o))),
                "parameter 1 of param group 1 (shape [1]) is the same tensor as parameter 0 of param group 0"
                        + " (shape [1]); a parameter may appear only once across all param groups");
        assertRejected(() -> new SGD(List.of(a.mul(2.0)), o), "SGD: can't optimize a non-leaf tensor");
        assertRejected(() -> new Adam(List.of(Tensor.of(new int[] {1})), new Adam.Options()),
                "is I32; only floating tensors can be optimized");
    }

    @Test
    void zeroGradForgetsEveryGradient() {
        Tensor a = param(1f, 2f);
        Tensor b = param(3f);
        SGD opt = new SGD(List.of(new ParamGroup<>(List.of(a), new SGD.Options(0.1)),
                new ParamGroup<>(List.of(b), new SGD.Options(0.2))));
        setGrad(a, 1f, 1f);
        setGrad(b, 1f);
        opt.zeroGrad();
        assertNull(a.grad());
        assertNull(b.grad());
    }

    @Test
    void parametersWithoutGradAreUntouchedAndGetNoState() {
        Tensor a = param(1f, 2f);
        Tensor b = param(3f, 4f);
        Adam opt = new Adam(List.of(a, b), new Adam.Options().lr(0.1).weightDecay(0.5));
        setGrad(a, 1f, -1f);
        opt.step();
        opt.step();
        assertArrayEquals(new float[] {3f, 4f}, b.toFloatArray(), 0f);
        assertTrue(opt.state(b).isEmpty());
        assertEquals(2.0, opt.state(a).get("step").item());
        assertNotEquals(1f, a.toFloatArray()[0]);
    }

    @Test
    void stepUpdatesTheSameParameterObjectsInPlaceWithoutAGraph() {
        TinyMlp m = new TinyMlp(3);
        List<Tensor> before = m.parameters();
        float[] w1 = m.w1.toFloatArray();
        SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
        m.trainStep(opt);
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), m.parameters().get(i));
            assertTrue(before.get(i).isLeaf() && before.get(i).requiresGrad());
        }
        assertNotEquals(w1[0], m.w1.toFloatArray()[0]);
        assertTrue(opt.state(m.w1).get("momentum_buffer").gradFn() == null);
    }

    @Test
    void groupsUseTheirOwnOptions() {
        Tensor a = param(1f);
        Tensor b = param(1f);
        SGD opt = new SGD(List.of(new ParamGroup<>(List.of(a), new SGD.Options(0.5)),
                new ParamGroup<>(List.of(b), new SGD.Options(0.25))));
        setGrad(a, 1f);
        setGrad(b, 1f);
        opt.step();
        assertEquals(0.5f, a.toFloatArray()[0]);
        assertEquals(0.75f, b.toFloatArray()[0]);
    }

    // ---------------------------------------------------------------- update rules

    /** Plain SGD is {@code p - lr * g} in float32 arithmetic (one rounding for the product, one for the difference). */
    @Property(tries = 200)
    void plainSgdIsOneFloatStep(@ForAll @Size(min = 1, max = 8) List<@FloatRange(min = -10, max = 10) Float> p,
            @ForAll @FloatRange(min = -10, max = 10) float g, @ForAll @FloatRange(min = 0, max = 1) float lr) {
        float[] values = new float[p.size()];
        float[] grads = new float[p.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = p.get(i);
            grads[i] = g * (i + 1);
        }
        Tensor t = param(values);
        setGrad(t, grads);
        new SGD(List.of(t), new SGD.Options(lr)).step();
        float[] expected = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[i] = values[i] - grads[i] * lr;
        }
        assertArrayEquals(expected, t.toFloatArray(), 0f);
    }

    /**
     * Adam's bias correction makes the first step {@code -lr * g / (|g| + eps')}, i.e. {@code lr} against the
     * gradient's sign whatever the gradient's size; without the corrections it would be 0.1 / sqrt(0.001) =
     * 3.2 times larger. The tolerance is float32 rounding of {@code p - step} (a few ulps of {@code p}).
     */
    @Property(tries = 200)
    void adamsFirstStepIsLrAgainstTheGradientsSign(@ForAll @FloatRange(min = -4, max = 4) float p,
            @ForAll @FloatRange(min = 1e-3f, max = 100) @Scale(4) float magnitude, @ForAll boolean negative) {
        float g = negative ? -magnitude : magnitude;
        double lr = 0.01;
        Tensor t = param(p);
        setGrad(t, g);
        new Adam(List.of(t), new Adam.Options().lr(lr)).step();
        double moved = t.toFloatArray()[0] - (double) p;
        assertEquals(-lr * Math.signum(g), moved, lr * 1e-4 + 4 * Math.ulp(4f));
    }

    /** RMSprop has no bias correction: its first step is {@code lr * g / sqrt((1 - alpha) g^2) = 10 lr} for alpha 0.99. */
    @Property(tries = 100)
    void rmspropsFirstStepIsTenLr(@ForAll @FloatRange(min = -4, max = 4) float p,
            @ForAll @FloatRange(min = 1e-2f, max = 100) float g) {
        Tensor t = param(p);
        setGrad(t, g);
        new RMSprop(List.of(t), new RMSprop.Options().lr(0.01)).step();
        assertEquals(-0.1, t.toFloatArray()[0] - (double) p, 0.1 * 1e-4 + 4 * Math.ulp(4f));
    }

    /** The first momentum step uses the gradient undamped (PyTorch's buf = grad), later ones dampen it. */
    @Test
    void sgdMomentumStartsWithTheUndampedGradient() {
        Tensor t = param(0f);
        SGD opt = new SGD(List.of(t), new SGD.Options(1).momentum(0.5).dampening(0.25));
        setGrad(t, 1f);
        opt.step();
        assertEquals(-1f, t.toFloatArray()[0]);                    // buf = 1
        setGrad(t, 1f);
        opt.step();
        assertEquals(-1f - 1.25f, t.toFloatArray()[0]);            // buf = 0.5 * 1 + 0.75 * 1
    }

    @Test
    void nesterovLooksAhead() {
        Tensor t = param(0f);
        SGD opt = new SGD(List.of(t), new SGD.Options(1).momentum(0.5).nesterov(true));
        setGrad(t, 1f);
        opt.step();
        assertEquals(-1.5f, t.toFloatArray()[0]);                  // g + 0.5 * buf, buf = 1
        setGrad(t, 1f);
        opt.step();
        assertEquals(-1.5f - 1.75f, t.toFloatArray()[0]);          // buf = 1.5, g + 0.5 * 1.5
    }

    /**
     * With a zero gradient, AdamW's decoupled decay alone moves the parameter: {@code p * (1 - lr * wd)}
     * exactly; Adam's L2 decay instead enters the gradient and so takes a full normalised step of ~lr.
     */
    @Test
    void adamwDecaysTheParameterItselfAdamDecaysTheGradient() {
        Tensor w = param(2f, -4f);
        AdamW adamw = new AdamW(List.of(w), new AdamW.Options().lr(0.1).weightDecay(0.5));
        setGrad(w, 0f, 0f);
        adamw.step();
        float factor = (float) (1 - 0.1 * 0.5);
        assertArrayEquals(new float[] {2f * factor, -4f * factor}, w.toFloatArray(), 0f);

        Tensor a = param(2f, -4f);
        Adam adam = new Adam(List.of(a), new Adam.Options().lr(0.1).weightDecay(0.5));
        setGrad(a, 0f, 0f);
        adam.step();
        assertArrayEquals(new float[] {1.9f, -3.9f}, a.toFloatArray(), 1e-6f);
    }

    /** AMSGrad normalises by the largest second moment seen, so a shrinking gradient takes smaller steps. */
    @Test
    void amsgradKeepsTheMaximumSecondMoment() {
        Tensor plain = param(0f);
        Tensor ams = param(0f);
        Adam adam = new Adam(List.of(plain), new Adam.Options().lr(0.1).betas(0.5, 0.5));
        Adam amsgrad = new Adam(List.of(ams), new Adam.Options().lr(0.1).betas(0.5, 0.5).amsgrad(true));
        for (float g : new float[] {10f, 0.1f}) {
            setGrad(plain, g);
            setGrad(ams, g);
            adam.step();
            amsgrad.step();
        }
        Tensor v = amsgrad.state(ams).get("exp_avg_sq");
        Tensor max = amsgrad.state(ams).get("max_exp_avg_sq");
        assertEquals(25.005f, v.toFloatArray()[0], 1e-4f);          // 0.5 * (0.5 * 100) + 0.5 * 0.01
        assertEquals(50f, max.toFloatArray()[0], 1e-4f);            // the first step's 0.5 * 100
        setGrad(plain, 0.1f);
        setGrad(ams, 0.1f);
        adam.step();
        amsgrad.step();
        assertEquals(12.5075f, v.toFloatArray()[0], 1e-4f);         // v keeps shrinking, the maximum stays
        assertEquals(50f, max.toFloatArray()[0], 1e-4f);
        float plainStep = Math.abs(plain.toFloatArray()[0]);
        float amsStep = Math.abs(ams.toFloatArray()[0]);
        assertTrue(amsStep < plainStep, "amsgrad " + amsStep + " vs adam " + plainStep);
    }

    @Test
    void float64ParametersAreUpdatedInFloat64() {
        Tensor t = Tensor.of(new double[] {1.0}).requiresGrad(true);
        t.mul(Tensor.of(new double[] {1e-9})).sum().backward();
        new SGD(List.of(t), new SGD.Options(1)).step();
        assertEquals(DType.F64, t.dtype());
        assertEquals(1.0 - 1e-9, t.toDoubleArray()[0]);             // in float32 this would round back to 1
    }
}
