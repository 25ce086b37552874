package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** Creation functions, and the promise that a seed gives the same numbers on every backend and run. */
class CreationTest {
    private final Creation on = NDArray.on(Backends.get("reference"));

    @Test
    void arangeLinspaceEyeFollowTorch() {
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, on.arange(1, 3, 0.5, DType.F64).toDoubleArray());
        assertArrayEquals(new double[] {5, 3}, on.arange(5, 1, -2, DType.F64).toDoubleArray());
        double[] lin = on.linspace(-1, 1, 5, DType.F64).toDoubleArray();
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, lin, 0.0);
        NDArray eye = on.eye(2, 3, DType.I32);
        assertArrayEquals(new long[] {1, 0, 0, 0, 1, 0}, eye.toLongArray());
        assertEquals(Shape.of(2, 3), eye.shape());
    }

    @Test
    void nestedJavaArraysOfAnyRank() {
        NDArray t = on.of(new int[][][] {{{1, 2}}, {{3, 4}}});
        assertEquals(Shape.of(2, 1, 2), t.shape());
        assertEquals(DType.I32, t.dtype());
        assertArrayEquals(new long[] {1, 2, 3, 4}, t.toLongArray());
        assertThrows(IllegalArgumentException.class, () -> on.of(new float[][] {{1, 2}, {3}}));
    }

    @Test
    void aSeedGivesTheSameNumbersOnEveryBackendAndRun() {
        for (String name : Backends.names()) {
            Backend b = Backends.get(name);
            float[] first = NDArray.on(b).randn(new Generator(7), DType.F32, 1000).toFloatArray();
            float[] again = NDArray.on(b).randn(new Generator(7), DType.F32, 1000).toFloatArray();
            float[] onRef = on.randn(new Generator(7), DType.F32, 1000).toFloatArray();
            assertArrayEquals(first, again, name);
            assertArrayEquals(onRef, first, name);
        }
        // The F32 sample is the F64 sample rounded once, so both dtypes tell the same story.
        double[] d = on.rand(new Generator(3), DType.F64, 10).toDoubleArray();
        float[] f = on.rand(new Generator(3), DType.F32, 10).toFloatArray();
        for (int i = 0; i < d.length; i++) {
            assertEquals((float) d[i], f[i]);
        }
    }

    @Test
    void samplesHaveTheRequestedDistribution() {
        // 100k samples: the standard error of the mean is 1/sqrt(1e5) ~ 0.0032, so 0.02 is over 6 sigma.
        int n = 100_000;
        NDArray normal = on.randn(new Generator(11), DType.F64, n);
        double mean = normal.sum().item() / n;
        double var = normal.mul(normal).sum().item() / n - mean * mean;
        assertEquals(0, mean, 0.02);
        assertEquals(1, var, 0.02);
        NDArray u = on.uniform(new Generator(12), -2, 4, DType.F64, n);
        assertEquals(1, u.sum().item() / n, 0.05); // sd of U(-2,4) is 1.73, sem 0.0055
        double p = on.bernoulli(new Generator(13), 0.3, DType.F64, n).sum().item() / n;
        assertEquals(0.3, p, 0.01); // sem sqrt(0.21/1e5) ~ 0.0014
    }

    @Test
    void float32MasksTakeTheSameDrawsAsTheGeneralPath() {
        // bernoulli's F32 loop compares integers instead of nextDouble() < p: both must pick the same elements,
        // including at p = 0 and 1 and where p * 2^53 is (0.5) or is not (0.1, 0.9, 1e-9) a whole number.
        for (double p : new double[] {0, 1, 0.5, 0.1, 0.9, 0.8, 1e-9, 1 - 1e-12}) {
            for (int n : new int[] {1, 7, 1000}) {
                float[] fast = on.bernoulli(new Generator(17), p, DType.F32, n).toFloatArray();
                double[] general = on.bernoulli(new Generator(17), p, DType.F64, n).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    assertEquals(general[i], fast[i], 0.0, "p " + p + ", n " + n + ", element " + i);
                }
            }
        }
    }
}
