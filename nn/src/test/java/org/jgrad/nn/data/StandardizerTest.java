package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    /** Columns with very different means and spreads, the case standardisation exists for. */
    static NDArray table(int rows, long seed) {
        NDArray z = NDArray.randn(new Generator(seed), DType.F32, rows, 3);
        return z.mul(NDArray.of(new float[] {1f, 200f, 0.01f})).add(NDArray.of(new float[] {5f, -3000f, 0.5f}));
    }

    /** Column means and population stds of a float32 table, accumulated in double here in the test. */
    static double[][] stats(NDArray x) {
        int n = x.size(0);
        int f = x.size(1);
        float[] v = x.toFloatArray();
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < f; c++) {
                mean[c] += v[i * f + c] / (double) n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < f; c++) {
                std[c] += Math.pow(v[i * f + c] - mean[c], 2) / n;
            }
        }
        for (int c = 0; c < f; c++) {
            std[c] = Math.sqrt(std[c]);
        }
        return new double[][] {mean, std};
    }

    @Property(tries = 30)
    void transformedColumnsHaveMeanZeroAndStdOne(@ForAll @IntRange(min = 2, max = 300) int rows, @ForAll long seed) {
        NDArray x = table(rows, seed);
        NDArray y = new Standardizer().fitTransform(x);
        assertEquals(DType.F32, y.dtype());
        double[][] sx = stats(x);
        double[][] sy = stats(y);
        float[] v = x.toFloatArray();
        for (int c = 0; c < 3; c++) {
            double maxDev = 0;
            for (int i = c; i < v.length; i += 3) {
                maxDev = Math.max(maxDev, Math.abs(v[i] - sx[0][c]));
            }
            // Float32 error budget, relative to this column's std: the stored mean is off by up to half an ulp
            // of |mean|, x - mean by up to half an ulp of the largest deviation; the division adds 2^-24
            // relative to |y| <= sqrt(rows). A sample with a small std next to a large mean needs more room.
            double tol = (Math.ulp((float) Math.abs(sx[0][c])) + Math.ulp((float) maxDev)) / sx[1][c]
                    + 2 * Math.sqrt(rows) * 0x1p-24;
            assertEquals(0.0, sy[0][c], tol, "mean of column " + c);
            assertEquals(1.0, sy[1][c], tol, "std of column " + c);
        }
    }

    @Test
    void statisticsArePopulationMeanAndStd() {
        NDArray x = NDArray.of(new double[][] {{1, 10}, {2, 10}, {3, 10}, {6, 10}});
        Standardizer s = new Standardizer().fit(x);
        assertEquals(DType.F64, s.mean().dtype());
        assertArrayEquals(new double[] {3, 10}, s.mean().toDoubleArray());
        // Population variance of 1, 2, 3, 6 about 3: (4 + 1 + 0 + 9) / 4 = 3.5; the constant column gets scale 1.
        assertArrayEquals(new double[] {Math.sqrt(3.5), 1}, s.scale().toDoubleArray(), 1e-15);
        double[] y = s.transform(x).toDoubleArray();
        assertEquals(0.0, y[1]);
        assertEquals(-2 / Math.sqrt(3.5), y[0], 1e-15);
    }

    @Test
    void inverseTransformUndoesTransform() {
        NDArray x = table(50, 3);
        Standardizer s = new Standardizer().fit(x);
        float[] back = s.inverseTransform(s.transform(x)).toFloatArray();
        float[] orig = x.toFloatArray();
        for (int i = 0; i < orig.length; i++) {
            // Two float32 roundings in each direction, each at most half an ulp of values up to ~|x| + |mean|.
            double tol = 4 * Math.ulp(Math.abs(orig[i]) + 3001f);
            assertEquals(orig[i], back[i], tol, "element " + i);
        }
    }

    @Test
    void tensorsAreTransformedDifferentiably() {
        NDArray x = NDArray.of(new float[][] {{0, 4}, {2, 8}});
        Standardizer s = new Standardizer().fit(Tensor.of(x));
        Tensor t = Tensor.of(x).requiresGrad(true);
        Tensor y = s.transform(t);
        assertArrayEquals(new float[] {-1, -1, 1, 1}, y.toFloatArray());
        y.sum().backward();
        // d/dx of (x - mean) / scale is 1 / scale: scales are 1 and 2.
        assertArrayEquals(new float[] {1, 0.5f, 1, 0.5f}, t.grad().toFloatArray());
        assertArrayEquals(x.toFloatArray(), s.inverseTransform(y).toFloatArray());
    }

    @Test
    void restoredFromSavedStatistics() {
        NDArray x = table(20, 11);
        Standardizer fitted = new Standardizer().fit(x);
        Standardizer restored = Standardizer.of(fitted.mean(), fitted.scale());
        assertArrayEquals(fitted.transform(x).toFloatArray(), restored.transform(x).toFloatArray());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.of(NDArray.zeros(DType.F32, 2), NDArray.zeros(DType.F32, 2)));
        assertTrue(e.getMessage().contains("every scale must be > 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Standardizer.of(NDArray.zeros(DType.F32, 2), NDArray.ones(DType.F32, 3)));
    }

    @Test
    void misuseIsReported() {
        Standardizer s = new Standardizer();
        assertFalse(s.isFitted());
        var unfitted = assertThrows(IllegalStateException.class, () -> s.transform(NDArray.zeros(DType.F32, 1, 2)));
        assertTrue(unfitted.getMessage().contains("not fitted"), unfitted.getMessage());
        s.fit(NDArray.zeros(DType.F32, 4, 2));
        NDArray mean = s.mean();
        var cols = assertThrows(IllegalArgumentException.class, () -> s.transform(NDArray.zeros(DType.F32, 4, 3)));
        assertTrue(cols.getMessage().contains("fitted on 2 columns but got shape [4, 3]"), cols.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> s.fit(NDArray.zeros(DType.F32, 0, 2)));
        assertTrue(empty.getMessage().contains("N >= 1"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.fit(NDArray.zeros(DType.F32, 4)));
        assertSame(mean, s.mean(), "a rejected fit changed the fitted statistics");
    }
}
