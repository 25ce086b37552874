package org.jgrad.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/** The loss modules' defaults, argument checks and one-argument error (values vs PyTorch: the fixtures). */
class LossModulesTest {
    private static final List<Loss> ALL = List.of(new MSELoss(), new L1Loss(), new HuberLoss(), new CrossEntropyLoss(),
            new NLLLoss(), new BCELoss(), new BCEWithLogitsLoss());

    @Test
    void oneArgumentForwardSaysATargetIsNeeded() {
        for (Loss loss : ALL) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> loss.forward(Tensor.zeros(DType.F32, 2)));
            assertTrue(e.getMessage().startsWith(loss.getClass().getSimpleName() + " needs (input, target)"),
                    e.getMessage());
        }
    }

    @Test
    void defaultsArePyTorchs() {
        for (Loss loss : ALL) {
            assertEquals(Reduction.MEAN, loss.reduction(), loss.toString());
            assertTrue(loss.stateDict().isEmpty());
        }
        assertEquals(1.0, new HuberLoss().delta());
        assertEquals(-100, new CrossEntropyLoss().ignoreIndex());
        assertEquals(0.0, new CrossEntropyLoss().labelSmoothing());
        assertEquals(-100, new NLLLoss().ignoreIndex());
        assertEquals("CrossEntropyLoss(reduction='sum', ignore_index=-100, label_smoothing=0.0)",
                new CrossEntropyLoss(Reduction.SUM).toString());
    }

    @Test
    void reductionIsApplied() {
        Tensor x = Tensor.of(new float[] {1, 2, 4});
        Tensor y = Tensor.of(new float[] {0, 0, 0});
        assertEquals(7.0, new L1Loss(Reduction.SUM).forward(x, y).item());
        assertEquals(7.0 / 3, new L1Loss().forward(x, y).item(), 1e-6);
        assertEquals(List.of(3), List.of(new L1Loss(Reduction.NONE).forward(x, y).size(0)));
        // Huber with delta 2: 0.5, 2, 2 (4 - 1): quadratic, at the switch, linear.
        assertEquals(0.5 + 2 + 6, new HuberLoss(2, Reduction.SUM).forward(x, y).item(), 1e-6);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(-1, Reduction.SUM));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(-100, 1.5, Reduction.MEAN));
        assertThrows(NullPointerException.class, () -> new MSELoss(null));
    }
}
