package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** What the fixtures do not show: Flatten's shapes and errors, Softmax's dim errors, the printed arguments. */
class ActivationLayersTest {
    private static Tensor ones(int... shape) {
        return Tensor.ones(DType.F32, shape);
    }

    @Test
    void flattenMergesTheInclusiveRange() {
        assertArrayEquals(new int[] {2, 60}, new Flatten().forward(ones(2, 3, 4, 5)).shape().toArray());
        assertArrayEquals(new int[] {6, 4, 5}, new Flatten(0, 1).forward(ones(2, 3, 4, 5)).shape().toArray());
        assertArrayEquals(new int[] {2, 12, 5}, new Flatten(1, -2).forward(ones(2, 3, 4, 5)).shape().toArray());
        assertArrayEquals(new int[] {2, 3}, new Flatten().forward(ones(2, 3)).shape().toArray());
        assertArrayEquals(new int[] {1}, new Flatten(0, -1).forward(Tensor.scalar(3, DType.F32)).shape().toArray());
        Tensor x = Tensor.of(NDArray.arange(0, 24, 1, DType.F32).reshape(2, 3, 4));
        assertArrayEquals(x.toFloatArray(), new Flatten().forward(x).toFloatArray(), "row-major order is kept");
    }

    @Test
    void flattenRejectsBadDims() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new Flatten().forward(ones(4)));
        assertTrue(range.getMessage().contains("Flatten(start_dim=1, end_dim=-1)") && range.getMessage().contains("[4]"),
                range.getMessage());
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> new Flatten(2, 1).forward(ones(2, 3, 4)));
        assertTrue(order.getMessage().contains("start_dim comes after end_dim"), order.getMessage());
    }

    @Test
    void softmaxRejectsADimOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Softmax(2).forward(ones(3, 4)));
        assertTrue(e.getMessage().contains("Softmax(dim=2)") && e.getMessage().contains("[3, 4]"), e.getMessage());
        float[] p = new Softmax(-1).forward(ones(2, 4)).toFloatArray();
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, p);
    }

    @Test
    void printedArgumentsFollowPyTorch() {
        assertEquals("LeakyReLU(negative_slope=0.2)", new LeakyReLU(0.2).toString());
        assertEquals("GELU(approximate='tanh')", new GELU(GELU.Approximate.TANH).toString());
        assertEquals("GELU(approximate='none')", new GELU().toString());
        assertEquals("Softmax(dim=-1)", new Softmax(-1).toString());
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals(0.01, new LeakyReLU().negativeSlope());
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
    }
}
