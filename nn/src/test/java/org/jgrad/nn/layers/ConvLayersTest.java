package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Conv2d and MaxPool2d as modules: PyTorch's state names, initialisation bounds, output shapes and the errors of
 * bad sizes. Their numbers (forward and gradients) are checked against PyTorch by the nn fixtures and against
 * plain loops by the op database.
 */
class ConvLayersTest {
    @Test
    void conv2dHasPyTorchsStateAndInitialisation() {
        Conv2d conv = new Conv2d(3, 8, new int[] {3, 5}, new int[] {2}, new int[] {1, 2}, new int[] {1}, true,
                new Generator(1));
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
        assertArrayEquals(new int[] {8, 3, 3, 5}, conv.weight().shape().toArray());
        // kaiming_uniform(a = sqrt(5)) and the bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in = 3 * 3 * 5 = 45.
        double bound = 1 / Math.sqrt(45);
        for (Tensor t : List.of(conv.weight(), conv.bias())) {
            for (float v : t.toFloatArray()) {
                assertTrue(Math.abs(v) <= bound, v + " outside +-" + bound);
            }
        }
        Tensor x = Tensor.of(NDArray.on().rand(new Generator(2), DType.F32, 2, 3, 9, 10));
        // H: (9 + 2 - 3) / 2 + 1 = 5; W: (10 + 4 - 5) / 2 + 1 = 5.
        assertArrayEquals(new int[] {2, 8, 5, 5}, conv.forward(x).shape().toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> conv.forward(Tensor.of(NDArray.on().zeros(DType.F32, 2, 4, 9, 10))));
        assertTrue(e.getMessage().startsWith("Conv2d(3, 8, kernel_size=[3, 5]"), e.getMessage());
        assertTrue(e.getMessage().contains("[N, 3, H, W]"), e.getMessage());
    }

    @Test
    void badSizesAreRejectedWhenTheLayerIsBuilt() {
        Generator g = new Generator(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(1, 2, new int[] {3, 3, 3}, new int[] {1}, new int[] {0}, new int[] {1}, true, g));
        assertEquals("Conv2d: kernel_size must be one or two values >= 1, got [3, 3, 3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 2, 3, -1, g));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 2, 3, 1, g));
        e = assertThrows(IllegalArgumentException.class,
                () -> new MaxPool2d(new int[] {2}, null, new int[] {2}));
        assertTrue(e.getMessage().contains("at most half the kernel size"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(new int[] {2}, new int[] {0}, new int[] {0}));
    }

    @Test
    void maxPoolStrideDefaultsToTheKernel() {
        Tensor x = Tensor.of(NDArray.on().of(new float[] {1, 5, 2, 0, 3, 4, 8, 7, 0, 0, 1, 1, 9, 0, 2, 6}, DType.F32,
                1, 1, 4, 4));
        // Windows of 2x2: {1, 5, 3, 4} -> 5, {2, 0, 8, 7} -> 8, {0, 0, 9, 0} -> 9, {1, 1, 2, 6} -> 6.
        assertArrayEquals(new float[] {5, 8, 9, 6}, new MaxPool2d(2).forward(x).toFloatArray());
        assertEquals(0, new MaxPool2d(2).parameters().size());
    }
}
