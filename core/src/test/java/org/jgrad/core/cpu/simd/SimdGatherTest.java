package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.cpu.simd.Layouts.Layout;
import org.jgrad.core.cpu.simd.Layouts.Placed;
import org.jgrad.core.ops.ReduceOp;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdGather}'s float32 gather, scatter-add and argmax along every dim of a 3-D tensor in every layout,
 * against the reference backend. Nothing rounds in a gather or an argmax, and scatter-add visits the index in
 * the reference's order, so every result must match bit for bit: repeated indices (which sum several updates
 * into one place) and ties (argmax's first maximum) are built in on purpose, and values are on a coarse grid so
 * that ties are common.
 */
class SimdGatherTest {
    private static final Backend REF = new ReferenceBackend();
    private static final Backend SIMD = new SimdBackend();
    private static final Shape SHAPE = Shape.of(6, 5, 7);

    @Test
    void gatherAndScatterAddMatchTheReferenceAlongEveryDimInEveryLayout() {
        Random rnd = new Random(11);
        for (Layout layout : Layout.values()) {
            Placed x = grid(Layouts.place(SHAPE, layout, rnd));
            for (int dim = 0; dim < 3; dim++) {
                // The index is smaller than x in the other dims (allowed) and repeats positions along dim.
                int[] idims = {5, 4, 6};
                idims[dim] = 9;
                Shape is = Shape.of(idims);
                long[] idx = new long[is.numel()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = rnd.nextInt(SHAPE.dim(dim));
                }
                String what = layout + " dim " + dim;
                assertArrayEquals(gather(REF, x, dim, idx, is), gather(SIMD, x, dim, idx, is), "gather " + what);
                float[] src = new float[is.numel()];
                for (int i = 0; i < src.length; i++) {
                    src[i] = rnd.nextFloat() - 0.5f;
                }
                assertArrayEquals(scatterAdd(REF, dim, idx, is, src), scatterAdd(SIMD, dim, idx, is, src),
                        "scatterAdd " + what);
            }
        }
    }

    @Test
    void argmaxTakesTheFirstMaximumAndTheFirstNaN() {
        Random rnd = new Random(12);
        for (Layout layout : Layout.values()) {
            Placed x = grid(Layouts.place(SHAPE, layout, rnd));
            x.data()[x.view().offset() + 2 * x.view().stride(0) + x.view().stride(1)] = Float.NaN;
            for (int axis = 0; axis < 3; axis++) {
                assertArrayEquals(argmax(REF, x, axis), argmax(SIMD, x, axis), layout + " axis " + axis);
            }
        }
        // Column 0 is (1, 1, 1): the first position; column 1 is (1, 0.5, NaN): a NaN after a larger value wins.
        Placed ties = new Placed(new float[] {1, 1, 1, 0.5f, 1, Float.NaN}, View.contiguous(Shape.of(3, 2)));
        assertArrayEquals(new long[] {0, 2}, argmax(SIMD, ties, 0));
        // The same rules across a run long enough for the vector path (37 adjacent lines, axis 0 of [4, 37]):
        // line j follows pattern j % 5, whose first maximum (or first NaN) is at want[j % 5].
        float inf = Float.NEGATIVE_INFINITY;
        float[][] patterns = {{1, 1, 1, 1}, {1, 0.5f, Float.NaN, 2}, {Float.NaN, 2, Float.NaN, 3}, {0, 3, 3, 1},
            {inf, inf, inf, inf}};
        long[] want = {0, 2, 0, 1, 0};
        float[] d = new float[4 * 37];
        long[] expected = new long[37];
        for (int j = 0; j < 37; j++) {
            for (int k = 0; k < 4; k++) {
                d[k * 37 + j] = patterns[j % 5][k];
            }
            expected[j] = want[j % 5];
        }
        Placed run = new Placed(d, View.contiguous(Shape.of(4, 37)));
        assertArrayEquals(expected, argmax(SIMD, run, 0));
        assertArrayEquals(expected, argmax(REF, run, 0));
    }

    @Test
    void anIndexOutOfRangeIsRejectedNamingTheOp() {
        Placed x = Layouts.place(SHAPE, Layout.CONTIGUOUS, new Random(13));
        Shape is = Shape.of(2, 2, 2);
        long[] idx = {0, 1, 2, 3, 4, 5, 6, 7};   // dim 1 has 5 positions: 5, 6 and 7 are out of range
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> gather(SIMD, x, 1, idx, is));
        assertTrue(e.getMessage().contains("gather"), e.getMessage());
        IndexOutOfBoundsException s = assertThrows(IndexOutOfBoundsException.class,
                () -> scatterAdd(SIMD, 1, idx, is, new float[8]));
        assertTrue(s.getMessage().contains("scatterAdd"), s.getMessage());
        long[] negative = {0, 0, 0, 0, 0, 0, 0, -1};
        assertThrows(IndexOutOfBoundsException.class, () -> gather(SIMD, x, 1, negative, is));
    }

    /** The same layout with values rounded to quarters in [-1, 1]: many exact ties. */
    private static Placed grid(Placed p) {
        float[] d = p.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(d[i] * 4) / 4f;
        }
        return new Placed(d, p.view());
    }

    private static float[] gather(Backend be, Placed x, int dim, long[] idx, Shape is) {
        Storage out = be.gather(be.fromArray(x.data(), DType.F32), x.view(), dim, be.fromArray(idx, DType.I64),
                View.contiguous(is));
        return (float[]) be.toArray(out, View.contiguous(is));
    }

    private static float[] scatterAdd(Backend be, int dim, long[] idx, Shape is, float[] src) {
        float[] base = new float[SHAPE.numel()];
        for (int i = 0; i < base.length; i++) {
            base[i] = i * 0.125f;
        }
        Storage dst = be.fromArray(base, DType.F32);
        be.scatterAdd(dst, View.contiguous(SHAPE), dim, be.fromArray(idx, DType.I64), View.contiguous(is),
                be.fromArray(src, DType.F32), View.contiguous(is));
        return (float[]) be.toArray(dst, View.contiguous(SHAPE));
    }

    private static long[] argmax(Backend be, Placed x, int axis) {
        Storage out = be.reduce(ReduceOp.ARGMAX, be.fromArray(x.data(), DType.F32), x.view(), new int[] {axis});
        long[] got = (long[]) be.toArray(out, View.contiguous(Shape.of(out.size())));
        assertEquals(x.view().shape().numel() / x.view().shape().dim(axis), got.length);
        return got;
    }
}
