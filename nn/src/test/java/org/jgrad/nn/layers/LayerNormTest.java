package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/** LayerNorm's state, printing and input checks (values vs PyTorch: the fixtures). */
class LayerNormTest {
    @Test
    void stateHasTheNormalizedShape() {
        LayerNorm norm = new LayerNorm(new int[] {3, 4});
        assertEquals(List.of("weight", "bias"), List.copyOf(norm.stateDict().keySet()));
        assertEquals("[3, 4]", norm.weight().shape().toString());
        assertTrue(new LayerNorm(new int[] {4}, 1e-5, false).stateDict().isEmpty());
        assertTrue(new LayerNorm(8).toString().startsWith("LayerNorm((8,), eps=1.0E-5, elementwise_affine=true)"),
                new LayerNorm(8).toString());
    }

    @Test
    void inputMustEndWithTheNormalizedShape() {
        LayerNorm norm = new LayerNorm(new int[] {3, 4});
        for (int[] shape : new int[][] {{4}, {2, 4, 3}, {2, 3, 5}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> norm.forward(Tensor.zeros(DType.F32, shape)));
            assertTrue(e.getMessage().contains("LayerNorm([3, 4])")
                    && e.getMessage().contains(java.util.Arrays.toString(shape)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {0}));
    }
}
