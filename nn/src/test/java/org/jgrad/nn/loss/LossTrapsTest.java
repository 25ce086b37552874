package org.jgrad.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** The traps a PyTorch user falls into with losses end in a clear error, not a silently wrong number. */
class LossTrapsTest {
    private static Tensor t(int... shape) {
        return Tensor.of(NDArray.full(0.25, DType.F32, shape));
    }

    @Test
    void regressionLossesRefuseAnOutputColumnAgainstFlatLabels() {
        for (Loss loss : List.of(new MSELoss(), new L1Loss(), new HuberLoss(1.0))) {
            String name = loss.getClass().getSimpleName();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.forward(t(4, 1), t(4)), name);
            assertTrue(e.getMessage().startsWith(name + ": input shape [4, 1] and target shape [4] differ"), e.getMessage());
            assertTrue(e.getMessage().contains("target.reshape(-1, 1)"), e.getMessage());
            assertEquals(0.0, loss.forward(t(4, 1), t(4, 1)).item(), 0.0, name + " on equal shapes");
        }
    }

    @Test
    void bceRefusesInputsThatAreNotProbabilities() {
        BCELoss bce = new BCELoss();
        Tensor target = Tensor.of(NDArray.of(new float[] {0, 1}));
        for (float[] bad : new float[][] {{0.5f, 1.5f}, {-0.1f, 0.5f}, {Float.NaN, 0.5f}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bce.forward(Tensor.of(NDArray.of(bad)), target));
            assertTrue(e.getMessage().contains("must be probabilities in [0, 1]"), e.getMessage());
            assertTrue(e.getMessage().contains("BCEWithLogitsLoss"), e.getMessage());
        }
        double ok = bce.forward(Tensor.of(NDArray.of(new float[] {0f, 1f})), target).item();
        assertEquals(0.0, ok, 0.0, "exact predictions cost nothing");
    }
}
