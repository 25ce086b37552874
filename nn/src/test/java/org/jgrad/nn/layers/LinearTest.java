package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** Linear's PyTorch default initialisation, leading dims, names and errors (values vs PyTorch: the fixtures). */
class LinearTest {
    @Test
    void initIsUniformOverPlusMinusOneOverSqrtFanIn() {
        Linear fc = new Linear(400, 50, true, new Generator(0));
        double bound = 1 / Math.sqrt(400);
        double[] w = fc.weight().toDoubleArray();
        double min = Arrays.stream(w).min().orElseThrow();
        double max = Arrays.stream(w).max().orElseThrow();
        assertTrue(min >= -bound && max <= bound, "weights in [" + min + ", " + max + "], bound " + bound);
        // 20,000 uniform draws all missing the outer 1% at one end has probability 0.995^20000 < 1e-43.
        assertTrue(min < -0.99 * bound && max > 0.99 * bound, "weights spread over [-bound, bound]: " + min + ", "
                + max);
        // Standard deviation of U(-b, b) is b / sqrt(3); 5 standard errors of a sample std on 20,000 draws
        // (0.45 sigma / sqrt(n) for a uniform) is 1.6% of sigma.
        double mean = Arrays.stream(w).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / (w.length - 1));
        assertEquals(bound / Math.sqrt(3), std, 0.016 * bound / Math.sqrt(3));
        double[] b = fc.bias().toDoubleArray();
        assertTrue(Arrays.stream(b).allMatch(x -> Math.abs(x) <= bound), "bias within +-" + bound);
        assertTrue(Arrays.stream(b).distinct().count() == 50, "bias drawn, not constant");
        assertEquals(DType.F32, fc.weight().dtype());
        assertTrue(fc.weight().requiresGrad() && fc.bias().requiresGrad());
    }

    @Test
    void sameGeneratorSeedSameLayer() {
        assertArrayEquals(new Linear(5, 3, new Generator(9)).weight().toFloatArray(),
                new Linear(5, 3, new Generator(9)).weight().toFloatArray());
    }

    @Test
    void appliesToTheLastDimOfAnyLeadingShape() {
        Generator gen = new Generator(1);
        Linear fc = new Linear(3, 2, true, gen);
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 2, 4, 3));
        Tensor y = fc.forward(x);
        assertArrayEquals(new int[] {2, 4, 2}, y.shape().toArray());
        // Row (1, 2) by hand: y = W x + b.
        float[] w = fc.weight().toFloatArray();
        float[] bias = fc.bias().toFloatArray();
        float[] xs = x.toFloatArray();
        int row = (4 + 2) * 3;
        for (int o = 0; o < 2; o++) {
            double want = bias[o];
            for (int i = 0; i < 3; i++) {
                want += (double) w[o * 3 + i] * xs[row + i];
            }
            assertEquals(want, y.toDoubleArray()[(4 + 2) * 2 + o], 1e-5);
        }
    }

    @Test
    void stateNamesAndPrinting() {
        Linear fc = new Linear(3, 2, false, new Generator(0));
        assertEquals(List.of("weight"), List.copyOf(fc.stateDict().keySet()));
        assertNull(fc.bias());
        assertTrue(fc.toString().startsWith("Linear(in_features=3, out_features=2, bias=false) weight [2, 3]"),
                fc.toString());
        assertEquals(List.of("weight", "bias"), List.copyOf(new Linear(3, 2).stateDict().keySet()));
    }

    @Test
    void wrongFeatureSizeNamesTheLayerAndShapes() {
        Linear fc = new Linear(3, 2, true, new Generator(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fc.forward(Tensor.zeros(DType.F32, 5, 4)));
        assertTrue(e.getMessage().contains("Linear(in_features=3, out_features=2") && e.getMessage().contains("[.., 3]")
                && e.getMessage().contains("[5, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fc.forward(Tensor.scalar(1, DType.F32)));
        assertThrows(IllegalArgumentException.class, () -> new Linear(-1, 2));
    }
}
