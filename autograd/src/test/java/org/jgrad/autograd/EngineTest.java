package org.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/**
 * Engine mechanics: accumulation, fan-out, unbroadcasting, graph freeing, higher order, no-grad, hooks,
 * in-place checks and anomaly mode. Gradient values of individual ops are checked generically by the
 * testkit's op database and against PyTorch by {@link TorchFixturesTest}; the few values here are
 * exact in float64 (small integers), so they are compared exactly.
 */
class EngineTest {
    private static Tensor leaf(double... values) {
        return Tensor.of(NDArray.on(Backends.get("reference")).of(values)).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = leaf(1, 2);
        x.mul(x).sum().backward();
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {4, 8}, x.grad().toDoubleArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void fanOutAddsTheGradientsOfEveryUse() {
        Tensor x = leaf(3);
        Tensor y = x.mul(x).add(x.mul(2.0)).add(x.exp().log()); // x^2 + 2x + x: dy/dx = 2x + 3
        y.sum().backward();
        assertEquals(9, x.grad().item(), 1e-12);
    }

    @Test
    void broadcastGradientsAreSummedBackToEachInputShape() {
        Tensor a = Tensor.of(NDArray.on(Backends.get("reference")).ones(DType.F64, 2, 3)).requiresGrad(true);
        Tensor b = leaf(1, 2, 3);
        Tensor c = Tensor.of(NDArray.on(Backends.get("reference")).ones(DType.F64, 2, 1)).requiresGrad(true);
        a.add(b).mul(c).sum().backward();
        assertEquals(a.shape(), a.grad().shape());
        assertArrayEquals(new double[] {2, 2, 2}, b.grad().toDoubleArray());
        assertArrayEquals(new double[] {9, 9}, c.grad().toDoubleArray()); // each row: 1+1 + 1+2 + 1+3
    }

    @Test
    void aSecondBackwardThroughAFreedGraphNamesRetainGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
        assertTrue(e.getMessage().contains("EXP"), e.getMessage());

        Tensor z = x.exp().sum();
        z.backward(null, true, false);
        z.backward(null, false, false); // retained the first time: allowed
    }

    @Test
    void createGraphGivesDifferentiableGradients() {
        Tensor x = leaf(2);
        Tensor y = x.pow(3.0).sum();
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0); // 3x^2 = 12
        Tensor d2y = Autograd.grad(List.of(dy.sum()), List.of(x), null, true, true).get(0); // 6x = 12
        Tensor d3y = Autograd.grad(List.of(d2y.sum()), List.of(x)).get(0); // 6
        assertEquals(12, dy.item(), 1e-12);
        assertEquals(12, d2y.item(), 1e-12);
        assertEquals(6, d3y.item(), 1e-12);
        assertNull(x.grad(), "the functional grad must not accumulate into .grad");
    }

    @Test
    void noGradScopesRecordNothingAndNest() {
        Tensor x = leaf(1);
        try (var outer = GradMode.noGrad()) {
            assertFalse(x.mul(x).requiresGrad());
            try (var inner = GradMode.enableGrad()) {
                assertTrue(x.mul(x).requiresGrad());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void hooksSeeAndMayReplaceGradients() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3.0);
        List<double[]> seen = new ArrayList<>();
        h.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g.mul(10.0);
        });
        x.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g;
        });
        h.sum().backward();
        assertArrayEquals(new double[] {1, 1}, seen.get(0));
        assertArrayEquals(new double[] {30, 30}, seen.get(1));
        assertArrayEquals(new double[] {30, 30}, x.grad().toDoubleArray());
    }

    @Test
    void retainGradKeepsANonLeafGradient() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(2.0).retainGrad();
        h.mul(h).sum().backward();
        assertArrayEquals(new double[] {4, 8}, h.grad().toDoubleArray());
    }

    @Test
    void usingAValueModifiedInPlaceAfterItWasSavedIsAnError() {
        Tensor x = leaf(1, 2);
        Tensor m = x.mul(3.0);
        Tensor y = m.mul(m); // saves m
        m.add_(Tensor.of(NDArray.on(Backends.get("reference")).of(new double[] {1, 1})));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("MUL") && e.getMessage().contains("[2]")
                && e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void inPlaceOpsOnNonLeavesAreDifferentiable() {
        Tensor x = leaf(1, 2);
        Tensor m = x.mul(3.0);
        m.mul_(m.detach().add(1.0)); // m = 3x * (3x + 1), the second factor a constant
        m.sum().backward();
        assertArrayEquals(new double[] {12, 21}, x.grad().toDoubleArray());
        assertEquals(1, m.version());
    }

    @Test
    void inPlaceChangeOfALeafThatRequiresGradIsRefusedUnlessInNoGrad() {
        Tensor w = leaf(1, 2);
        Tensor one = Tensor.of(NDArray.on(Backends.get("reference")).of(new double[] {1, 1}));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.sub_(one));
        assertTrue(e.getMessage().contains("sub_") && e.getMessage().contains("leaf"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, w.toDoubleArray(), "a refused op leaves the tensor unchanged");
        try (var scope = GradMode.noGrad()) {
            w.sub_(one);
        }
        assertArrayEquals(new double[] {0, 1}, w.toDoubleArray());
    }

    @Test
    void anomalyModeNamesTheRuleAndWhereTheForwardOpWasCreated() {
        Tensor x = leaf(0, 1);
        try (var anomaly = AnomalyMode.enable()) {
            Tensor y = x.sqrt().sum(); // d sqrt(x)/dx = 1 / (2 sqrt(x)) is inf at 0
            AnomalyMode.AnomalyException e = assertThrows(AnomalyMode.AnomalyException.class, y::backward);
            assertTrue(e.getMessage().contains("SQRTBackward"), e.getMessage());
            assertTrue(e.getCause() != null && e.getCause().getStackTrace().length > 0);
            boolean mentionsThisTest = false;
            for (StackTraceElement frame : e.getCause().getStackTrace()) {
                mentionsThisTest |= frame.getMethodName().equals("anomalyModeNamesTheRuleAndWhereTheForwardOpWasCreated");
            }
            assertTrue(mentionsThisTest, "the creation trace should point at the forward call");
        }
        Tensor quiet = x.sqrt().sum();
        quiet.backward(); // without anomaly mode, inf just flows into grad
        assertTrue(Double.isInfinite(x.grad().toDoubleArray()[0]));
    }

    @Test
    void backwardNeedsAScalarOrAnExplicitGradient() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        y.backward(Tensor.of(NDArray.on(Backends.get("reference")).of(new double[] {1, 10})));
        assertArrayEquals(new double[] {2, 20}, x.grad().toDoubleArray());
        assertThrows(IllegalStateException.class, () -> Tensor.of(new double[] {1}).sum().backward());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = leaf(2);
        Tensor y = x.mul(x.detach()).sum(); // d/dx (x * const) = const
        y.backward();
        assertEquals(2, x.grad().item(), 0);
        assertFalse(x.detach().requiresGrad());
    }

    @Test
    void leafGradientsAreDenseAndOwnTheirStorage() {
        Tensor x = leaf(1, 2);
        Tensor y = leaf(3, 4);
        x.add(y).sum().backward(); // the add rule hands one gradient object to both inputs
        assertTrue(x.grad() != y.grad());
        x.grad().mul_(2.0); // must neither throw (expanded view) nor touch y.grad()
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 1}, y.grad().toDoubleArray());
    }

    @Test
    void viewsShareTheVersionCounterOfTheirBase() {
        Tensor x = leaf(1, 2, 3);
        Tensor m = x.mul(2.0);
        Tensor y = m.mul(m); // saves m
        try (var scope = GradMode.noGrad()) {
            m.narrow(0, 0, 1).mul_(10.0); // writes m's storage through a view
        }
        assertEquals(1, m.version());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("version 1"), e.getMessage());
    }

    @Test
    void inPlaceOnAViewOfATensorThatRequiresGradIsRefusedNotSilentlyWrong() {
        Tensor m = leaf(1, 2, 3).mul(2.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.narrow(0, 0, 1).mul_(10.0));
        assertTrue(e.getMessage().contains("mul_") && e.getMessage().contains("view"), e.getMessage());
        assertArrayEquals(new double[] {2, 4, 6}, m.toDoubleArray());
    }
}
