package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** GradCheck itself: passes right gradients, and reports wrong ones by input, element and value. */
class GradCheckTest {

    static Tensor leaf(double[] values, int... shape) {
        return Tensor.of(NDArray.on(Backends.get("reference")).of(values, DType.F64, shape)).requiresGrad(true);
    }

    /** A value with the gradient of another expression: {@code value.detach() + surrogate - surrogate.detach()}. */
    static Tensor withGradientOf(Tensor value, Tensor surrogate) {
        return value.detach().add(surrogate.sub(surrogate.detach()));
    }

    final Tensor x = leaf(new double[] {0.5, -1.2, 2.0, 0.3, -0.7, 1.1}, 2, 3);
    final Tensor w = leaf(new double[] {1.5, -0.7, 0.2}, 3);

    /** x * w whose gradient with respect to w[1] is twice the right one. */
    Tensor brokenMul(List<Tensor> in) {
        Tensor a = in.get(0);
        Tensor b = in.get(1);
        Tensor mask = Tensor.of(NDArray.on(Backends.get("reference")).of(new double[] {0, 1, 0}, DType.F64, 3));
        return withGradientOf(a.mul(b), a.mul(b).add(a.detach().mul(b.mul(mask))));
    }

    @Test
    void rightGradientsPassInFullAndFastMode() {
        GradCheck.Result full = GradCheck.check(in -> in.get(0).mul(in.get(1)).tanh().sum(new int[] {1}, false),
                List.of(x, w));
        assertTrue(full.passed(), full.report());
        assertTrue(full.report().contains("18 Jacobian entries agree"), full.report());
        GradCheck.Result fast = GradCheck.check(in -> in.get(0).mul(in.get(1)).tanh(), List.of(x, w),
                GradCheck.Options.DEFAULT.fast());
        assertTrue(fast.passed(), fast.report());
    }

    @Test
    void aWrongGradientIsReportedByInputElementAndValues() {
        GradCheck.Result r = GradCheck.check(this::brokenMul, List.of(x, w));
        assertFalse(r.passed());
        GradCheck.Mismatch m = r.mismatches().get(0);
        assertEquals(1, m.input());
        assertArrayEquals(new int[] {1}, m.inputElement());
        assertArrayEquals(new int[] {0, 1}, m.outputElement());
        assertEquals(2 * -1.2, m.analytic(), 1e-12);
        assertEquals(-1.2, m.numeric(), 1e-8);
        assertEquals(1.2, m.error(), 1e-8);
        // Both rows of x touch w[1]: two entries differ, and the report lists them.
        assertTrue(r.report().startsWith("gradcheck failed: 2 of 54 Jacobian entries differ"), r.report());
        assertTrue(r.report().contains("input 1 [3] F64 element [1] -> output 0 element [0, 1]: analytic -2.4"),
                r.report());
        GradCheck.GradCheckFailure e = assertThrows(GradCheck.GradCheckFailure.class, r::orThrow);
        assertEquals(r, e.result());
    }

    @Test
    void fastModeCatchesTheSameBugAndNamesTheElement() {
        GradCheck.Result r = GradCheck.check(this::brokenMul, List.of(x, w), GradCheck.Options.DEFAULT.fast());
        assertFalse(r.passed());
        assertEquals(1, r.mismatches().get(0).input());
        assertArrayEquals(new int[] {1}, r.mismatches().get(0).inputElement());
    }

    @Test
    void gradGradCheckCatchesARuleThatIsRightButNotDifferentiable() {
        // x^3 whose gradient 3 x^2 is computed from a detached x: right to first order, flat to second.
        java.util.function.Function<List<Tensor>, Tensor> cube = in -> {
            Tensor a = in.get(0);
            Tensor slope = a.detach().square().mul(3.0);
            return withGradientOf(a.pow(3.0), a.mul(slope));
        };
        Tensor v = leaf(new double[] {0.5, -1.5, 2.0}, 3);
        assertTrue(GradCheck.check(cube, List.of(v)).passed());
        GradCheck.Result second = GradCheck.gradGradCheck(cube, List.of(v));
        assertFalse(second.passed());
        assertTrue(second.report().startsWith("gradgradcheck failed"), second.report());
        GradCheck.Mismatch m = second.mismatches().get(0);
        assertEquals(0, m.input());
        assertEquals(0.0, m.analytic());
        assertTrue(GradCheck.gradGradCheck(in -> in.get(0).pow(3.0), List.of(v)).passed());
    }

    @Test
    void unusedInputsHaveZeroGradientsAndNonContiguousInputsWork() {
        Tensor view = Tensor.of(NDArray.on(Backends.get("reference")).of(new double[] {1, 2, 3, 4, 5, 6}, DType.F64,
                2, 3).transpose(0, 1)).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(in -> in.get(0).exp().mul(in.get(0)), List.of(view, w));
        assertTrue(r.passed(), r.report());
        assertTrue(GradCheck.gradGradCheck(in -> in.get(0).sin(), List.of(view, w)).passed());
    }

    @Test
    void severalOutputsAreEachChecked() {
        GradCheck.Result r = GradCheck.checkOutputs(in -> in.get(0).split(1, 1), List.of(x),
                GradCheck.Options.DEFAULT);
        assertTrue(r.passed(), r.report());
        assertTrue(r.report().contains("36 Jacobian entries"), r.report());
    }

    @Test
    void aCheckWithoutDifferentiableInputsIsAnError() {
        Tensor constant = x.detach();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in.get(0).exp(), List.of(constant)));
        assertTrue(e.getMessage().contains("no input requires grad"), e.getMessage());
    }
}
