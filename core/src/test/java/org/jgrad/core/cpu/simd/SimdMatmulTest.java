package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.cpu.simd.Layouts.Layout;
import org.jgrad.core.cpu.simd.Layouts.Placed;
import org.jgrad.core.cpu.simd.SimdMatmul.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every matmul variant against the float64 reference, on odd sizes, every layout and broadcast batches.
 *
 * <p>Tolerance: a float32 dot product of length {@code k} is off by at most {@code k * u * sum_p |a_ip| |b_pj|}
 * with {@code u = 2^-24} (Higham, "Accuracy and Stability of Numerical Algorithms", section 3.1: one
 * rounding per product and per addition, fewer with FMA), and rounding the reference's float64 result to
 * float32 adds one more {@code u} relative to the result. So each element is checked against
 * {@code (k + 2) * u * (|A| |B|)_ij}. A wrong index or a lost block gives errors of order
 * {@code (|A| |B|)_ij} itself, about {@code k/u} times larger.
 */
class SimdMatmulTest {
    private static final double U = Math.scalb(1.0, -24);
    private static final int[] SIZES = {1, 7, 33, 65, 129};
    private static final Backend REF = new ReferenceBackend();
    private static final Backend SIMD = new SimdBackend();

    /** One product to check: batch shape, m, k, n and the layouts of A and B. */
    record Case(int[] batch, int m, int k, int n, Layout la, Layout lb, boolean broadcastBatch) {
        @Override
        public String toString() {
            return "batch " + java.util.Arrays.toString(batch) + (broadcastBatch ? " (broadcast)" : "") + " m=" + m
                    + " k=" + k + " n=" + n + " A " + la + " B " + lb;
        }
    }

    static List<Case> cases() {
        Random rnd = new Random(42);
        List<Case> cases = new ArrayList<>();
        Layout[] layouts = Layout.values();
        // Every size triple once, with layouts drawn at random.
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    cases.add(new Case(new int[0], m, k, n, layouts[rnd.nextInt(layouts.length)],
                            layouts[rnd.nextInt(layouts.length)], false));
                }
            }
        }
        // Every layout pair once on an odd, non-tiny shape.
        for (Layout la : layouts) {
            for (Layout lb : layouts) {
                cases.add(new Case(new int[0], 37, 45, 53, la, lb, false));
            }
        }
        // Several KC and MC blocks, and edge blocks on every side.
        cases.add(new Case(new int[0], 301, 521, 70, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        // Wider than NC: more than one column block.
        cases.add(new Case(new int[0], 9, 3, PackedMatmul.NC + 37, Layout.CONTIGUOUS, Layout.CONTIGUOUS, false));
        // The workloads' layouts: x @ W^T with W stored [out, in] (B's columns dense along k), around the
        // DOT / PACKED boundary at DOT_ROWS rows, with column counts that leave a partial DOT tile; and
        // grad^T @ x (A transposed) for weight gradients.
        int dotRows = SimdMatmul.DOT_ROWS;
        for (int m : new int[] {1, 3, 4, 5, dotRows, dotRows + 1, 64}) {
            cases.add(new Case(new int[0], m, 300, 70, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        }
        cases.add(new Case(new int[0], 1, 5000, 128, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        cases.add(new Case(new int[0], 10, 784, 30, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        cases.add(new Case(new int[0], 130, 64, 200, Layout.TRANSPOSED, Layout.CONTIGUOUS, false));
        cases.add(new Case(new int[0], 37, 300, 45, Layout.TRANSPOSED, Layout.TRANSPOSED, false));
        cases.add(new Case(new int[] {4}, 64, 32, 64, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        // Empty sums (k = 0) give zeros; empty results do nothing.
        cases.add(new Case(new int[0], 5, 0, 7, Layout.CONTIGUOUS, Layout.TRANSPOSED, false));
        cases.add(new Case(new int[] {2}, 3, 0, 40, Layout.TRANSPOSED, Layout.CONTIGUOUS, false));
        // Batches, dense and broadcast (stride 0) along batch dims.
        cases.add(new Case(new int[] {3}, 33, 17, 40, Layout.CONTIGUOUS, Layout.CONTIGUOUS, false));
        cases.add(new Case(new int[] {2, 3}, 20, 9, 24, Layout.TRANSPOSED, Layout.STRIDED, true));
        cases.add(new Case(new int[] {64}, 16, 16, 16, Layout.CONTIGUOUS, Layout.CONTIGUOUS, true));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyVariantAgreesWithTheReference() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(Case c) {
        Random rnd = new Random(c.toString().hashCode());
        View[] views = new View[2];
        Placed a = operand(c.batch, c.m, c.k, c.la, c.broadcastBatch ? 0 : -1, rnd, views, 0);
        Placed b = operand(c.batch, c.k, c.n, c.lb, c.broadcastBatch ? c.batch.length - 1 : -1, rnd, views, 1);
        View va = views[0];
        View vb = views[1];
        float[] expected = run(REF, a.data(), va, b.data(), vb);
        float[] bound = run(REF, Layouts.abs(a.data()), va, Layouts.abs(b.data()), vb);
        for (Variant variant : Variant.values()) {
            if (!variant.available()) {
                continue;
            }
            float[] out = new float[expected.length];
            SimdMatmul.matmul(variant, a.data(), va, b.data(), vb, out);
            for (int i = 0; i < out.length; i++) {
                double tol = (c.k + 2) * U * bound[i];
                if (!(Math.abs(out[i] - expected[i]) <= tol)) {
                    fail(variant + " on " + c + ": element " + i + " is " + out[i] + ", reference "
                            + expected[i] + ", tolerance " + tol);
                }
            }
        }
        // And through the backend SPI, with the variant the facade picks.
        float[] viaSpi = run(SIMD, a.data(), va, b.data(), vb);
        for (int i = 0; i < viaSpi.length; i++) {
            assertTrue(Math.abs(viaSpi[i] - expected[i]) <= (c.k + 2) * U * bound[i], "simd backend, " + c);
        }
    }

    /**
     * A {@code [...batch, rows, cols]} operand in the given layout; with {@code broadcastDim >= 0} that batch dim
     * is stored once and expanded (stride 0).
     */
    private static Placed operand(int[] batch, int rows, int cols, Layout layout, int broadcastDim, Random rnd,
                                  View[] views, int slot) {
        int[] dims = new int[batch.length + 2];
        System.arraycopy(batch, 0, dims, 0, batch.length);
        dims[batch.length] = rows;
        dims[batch.length + 1] = cols;
        int[] stored = dims.clone();
        if (broadcastDim >= 0) {
            stored[broadcastDim] = 1;
        }
        Placed p = Layouts.place(Shape.of(stored), layout, rnd);
        views[slot] = broadcastDim >= 0 ? p.view().expand(dims) : p.view();
        return p;
    }

    private static float[] run(Backend backend, float[] a, View va, float[] b, View vb) {
        Storage sa = backend.fromArray(a, DType.F32);
        Storage sb = backend.fromArray(b, DType.F32);
        Storage out = backend.matmul(sa, va, sb, vb);
        return (float[]) backend.toArray(out, View.contiguous(Shape.of(out.size())));
    }

    @Test
    void theFacadePicksByShape() {
        if (SimdWidth.SCALAR) {
            assertEquals(Variant.SCALAR, SimdMatmul.choose(512, 512, 512));
            assertTrue(!Variant.PACKED.available());
            return;
        }
        assertEquals(Variant.PACKED, SimdMatmul.choose(512, 512, 512));
        assertEquals(Variant.ROWS, SimdMatmul.choose(1, 512, 512), "a row vector times a matrix");
        assertEquals(Variant.ROWS, SimdMatmul.choose(8, 4 * SimdWidth.LANES, 8), "tiny");
        assertEquals(Variant.DOT, SimdMatmul.choose(512, 1, 512), "a matrix times a column vector");
        assertEquals(Variant.DOT, SimdMatmul.choose(1, 128, 5000, true), "batch-1 x @ W^T reads W in place");
        assertEquals(Variant.DOT, SimdMatmul.choose(SimdMatmul.DOT_ROWS, 128, 5000, true));
        assertEquals(Variant.PACKED, SimdMatmul.choose(64, 128, 5000, true), "a batch amortises packing W^T");
        assertEquals(Variant.ROWS, SimdMatmul.choose(1, 128, 5000, false), "a row-major B needs no copy for ROWS");
    }

    @Test
    void float64GoesToTheReferenceUnchanged() {
        Random rnd = new Random(7);
        double[] a = rnd.doubles(6 * 5).toArray();
        double[] b = rnd.doubles(5 * 4).toArray();
        View va = View.contiguous(Shape.of(6, 5));
        View vb = View.contiguous(Shape.of(5, 4));
        double[] ref = (double[]) REF.toArray(REF.matmul(REF.fromArray(a, DType.F64), va, REF.fromArray(b, DType.F64), vb),
                View.contiguous(Shape.of(24)));
        double[] simd = (double[]) SIMD.toArray(SIMD.matmul(SIMD.fromArray(a, DType.F64), va,
                SIMD.fromArray(b, DType.F64), vb), View.contiguous(Shape.of(24)));
        assertEquals(java.util.Arrays.toString(ref), java.util.Arrays.toString(simd));
    }
}
