package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** toString follows torch's printing; the expected strings are what PyTorch 2.x prints, plus shape and dtype. */
class TensorFormatterTest {
    private final Creation on = NDArray.on(Backends.get("reference"));

    @Test
    void integralFloatsPrintWithATrailingDot() {
        assertEquals("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float32)",
                on.of(new float[][] {{1, 2}, {3, 4}}).toString());
    }

    @Test
    void fractionsPrintWithFourDecimalsAndASharedWidth() {
        assertEquals("tensor([-1.5000, 10.2500,  0.1250], shape=[3], dtype=float64)",
                on.of(new double[] {-1.5, 10.25, 0.125}).toString());
    }

    @Test
    void wideRangesSwitchToScientific() {
        assertEquals("tensor([1.0000e-05, 1.0000e+03], shape=[2], dtype=float32)",
                on.of(new float[] {1e-5f, 1e3f}).toString());
    }

    @Test
    void scalarsIntegersBoolsAndEmpty() {
        assertEquals("tensor(2.5000, shape=[], dtype=float64)", on.scalar(2.5, DType.F64).toString());
        assertEquals("tensor([ 3, -7], shape=[2], dtype=int64)", on.of(new long[] {3, -7}).toString());
        assertEquals("tensor([ True, False], shape=[2], dtype=bool)", on.of(new boolean[] {true, false}).toString());
        assertEquals("tensor([], shape=[0, 3], dtype=float32)", on.zeros(DType.F32, 0, 3).toString());
        assertEquals("tensor([nan, inf, 1.], shape=[3], dtype=float64)",
                on.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1}).toString());
    }

    @Test
    void rank3BlocksAreSeparatedByABlankLine() {
        assertEquals("tensor([[[0, 1]],\n\n        [[2, 3]]], shape=[2, 1, 2], dtype=int64)",
                on.arange(0, 4, 1, DType.I64).reshape(2, 1, 2).toString());
    }

    @Test
    void largeTensorsAreSummarised() {
        String s = on.arange(0, 2000, 1, DType.I64).toString();
        assertEquals("tensor([   0,    1,    2,  ..., 1997, 1998, 1999], shape=[2000], dtype=int64)", s);
        String m = on.zeros(DType.F32, 100, 100).toString();
        assertTrue(m.contains("...,\n"), m);
        assertEquals(7, m.lines().count(), "3 rows, the ellipsis row, 3 rows");
    }

    @Test
    void longRowsWrapAtEightyColumns() {
        String s = on.arange(0, 30, 1, DType.F32).div(7.0).toString();
        for (String line : s.lines().toList()) {
            assertTrue(line.length() <= 80 || line.contains("shape="), line);
        }
        assertTrue(s.lines().count() > 1);
    }
}
