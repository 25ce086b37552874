package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
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
 * Float32 SUM and MAX over every axis set of a 3-D tensor in every layout, against the float64 reference.
 *
 * <p>Tolerance for SUM: {@link SimdReduce} lets each float32 accumulator add at most 128 terms before
 * moving its value into float64, then combines at most a few dozen partials. Each float32 addition rounds
 * by at most {@code u = 2^-24} of the running |sum| ({@code <= sum|x|}), so the error is at most
 * {@code (min(n, 128) + 8) * u * sum|x|} for a sum of {@code n} terms, whatever {@code n} is; the 8
 * covers combining lanes and partials and the final rounding to float32. A dropped or doubled term is
 * an error of about |x_i|, far outside this bound unless n is huge. MAX rounds nothing: it must match exactly,
 * NaN included.
 */
class SimdReduceTest {
    private static final double U = Math.scalb(1.0, -24);
    private static final Backend REF = new ReferenceBackend();
    private static final Backend SIMD = new SimdBackend();
    private static final int[][] AXES = {{}, {0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}};

    @Test
    void everyAxisSetInEveryLayout() {
        Random rnd = new Random(3);
        Shape shape = Shape.of(37, 19, 41);
        for (Layout layout : Layout.values()) {
            Placed x = Layouts.place(shape, layout, rnd);
            for (int[] axes : AXES) {
                check(x, axes, layout + " axes " + Arrays.toString(axes));
            }
        }
        // Permuted so that the dense dim is in the middle, and expanded (stride 0) along dim 0.
        Placed p = Layouts.place(Shape.of(19, 37, 41), Layout.CONTIGUOUS, rnd);
        Placed permuted = new Placed(p.data(), p.view().permute(1, 2, 0));
        Placed e = Layouts.place(Shape.of(1, 19, 41), Layout.CONTIGUOUS, rnd);
        Placed expanded = new Placed(e.data(), e.view().expand(37, 19, 41));
        for (int[] axes : AXES) {
            check(permuted, axes, "permuted axes " + Arrays.toString(axes));
            check(expanded, axes, "expanded axes " + Arrays.toString(axes));
        }
    }

    @Test
    void longReductionsSplitAcrossThreads() {
        Random rnd = new Random(4);
        // One output from a million terms; few outputs from long columns; long rows.
        check(Layouts.place(Shape.of(1 << 20), Layout.CONTIGUOUS, rnd), new int[] {0}, "full sum");
        check(Layouts.place(Shape.of(100_000, 20), Layout.CONTIGUOUS, rnd), new int[] {0}, "columns");
        check(Layouts.place(Shape.of(20, 100_000), Layout.CONTIGUOUS, rnd), new int[] {1}, "rows");
        check(Layouts.place(Shape.of(300, 3000), Layout.TRANSPOSED, rnd), new int[] {0}, "transposed columns");
    }

    @Test
    void maxPropagatesNaNAndEmptyReductionsGiveTheIdentity() {
        Random rnd = new Random(5);
        Placed x = Layouts.place(Shape.of(8, 100), Layout.CONTIGUOUS, rnd);
        x.data()[3 + 5 * 100 + 77] = Float.NaN;   // row 5 (the view starts at offset 3)
        float[] rowMax = reduce(SIMD, ReduceOp.MAX, x, new int[] {1});
        for (int r = 0; r < 8; r++) {
            assertEquals(r == 5, Float.isNaN(rowMax[r]), "row " + r);
        }
        check(x, new int[] {0}, "NaN column");
        check(x, new int[] {0, 1}, "NaN everything");
        Placed empty = new Placed(new float[0], View.contiguous(Shape.of(0, 5)));
        check(empty, new int[] {0}, "empty");
        assertEquals(Float.NEGATIVE_INFINITY, reduce(SIMD, ReduceOp.MAX, empty, new int[] {0})[0]);
    }

    private static void check(Placed x, int[] axes, String what) {
        float[] sum = reduce(SIMD, ReduceOp.SUM, x, axes);
        float[] expected = reduce(REF, ReduceOp.SUM, x, axes);
        float[] bound = reduce(REF, ReduceOp.SUM, new Placed(Layouts.abs(x.data()), x.view()), axes);
        int n = 1;
        for (int a : axes) {
            n *= x.view().shape().dim(a);
        }
        double factor = (Math.min(n, 128) + 8) * U;
        for (int i = 0; i < sum.length; i++) {
            if (!(Layouts.same(sum[i], expected[i]) || Math.abs(sum[i] - expected[i]) <= factor * bound[i])) {
                fail("SUM " + what + ": element " + i + " is " + sum[i] + ", reference " + expected[i]
                        + ", tolerance " + factor * bound[i]);
            }
        }
        float[] max = reduce(SIMD, ReduceOp.MAX, x, axes);
        float[] expectedMax = reduce(REF, ReduceOp.MAX, x, axes);
        for (int i = 0; i < max.length; i++) {
            if (!Layouts.same(max[i], expectedMax[i])) {
                fail("MAX " + what + ": element " + i + " is " + max[i] + ", reference " + expectedMax[i]);
            }
        }
    }

    private static float[] reduce(Backend be, ReduceOp op, Placed x, int[] axes) {
        Storage out = be.reduce(op, be.fromArray(x.data(), DType.F32), x.view(), axes);
        return (float[]) be.toArray(out, View.contiguous(Shape.of(out.size())));
    }
}
