package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.cpu.simd.Layouts.Layout;
import org.jgrad.core.cpu.simd.Layouts.Placed;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Float32 elementwise kernels against the reference, through the backend SPI, on dense, strided, flipped and
 * broadcast views, including NaN, infinities and signed zeros. (The generic property suite over all ops
 * lives in the testkit; this checks the simd-specific paths: vector body, scalar tail, stride-0 blocks,
 * several threads.)
 *
 * <p>Tolerances: NEG, ABS, SQRT, RECIP, ADD, SUB, MUL, DIV, MAX, MIN, comparisons and selections are
 * correctly rounded single IEEE operations (or no rounding at all), and so is the reference's float64
 * result rounded once to float32: they must be bit-equal. SIN, COS and POW are {@code Math}'s float64 result
 * rounded once, like the reference: bit-equal too. EXP, LOG and ERF are our float32 kernels, within
 * {@link FloatExp#MAX_ULPS}, {@link FloatLog#MAX_ULPS} and {@link FloatErf#MAX_ULPS} (at most 1) ulp of the
 * exact value ({@code FloatMathTest} measures that), while the reference is within 0.5 ulp (one rounding;
 * ERF's float64 series adds far less than a float32 ulp): they must agree within 1.5 ulps of the
 * reference value.
 */
class SimdElementwiseTest {
    private static final Backend REF = new ReferenceBackend();
    private static final Backend SIMD = new SimdBackend();
    /** Long enough for vector bodies plus a tail at any width; odd on purpose. */
    private static final Shape SHAPE = Shape.of(37, 29);
    /** Above the kernels' thread grain, so that two threads split runs mid-way. */
    private static final Shape BIG = Shape.of(3, 100_003);
    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        1f, -1f, 0.5f, 2f, 1e-40f, 88.7f, -104f, 1e30f};

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = "NOT", mode = EnumSource.Mode.EXCLUDE)
    void unaryMatchesTheReference(UnaryOp op) {
        // Our float32 kernels' bounds plus the reference's own rounding to float32 (0.5 ulp); IEEE ops exact.
        double ulps = SimdUnary.maxUlps(op) == 0 ? 0 : SimdUnary.maxUlps(op) + 0.5;
        for (Layout layout : Layout.values()) {
            Placed x = withSpecials(Layouts.place(SHAPE, layout, new Random(op.ordinal())), 5f);
            compare(op + " " + layout, unary(REF, op, x), unary(SIMD, op, x), ulps);
        }
        // A broadcast scalar (stride 0), and a big input that is split across threads.
        Placed scalar = new Placed(new float[] {0.75f}, View.contiguous(Shape.of(1)).expand(SHAPE.toArray()));
        compare(op + " broadcast", unary(REF, op, scalar), unary(SIMD, op, scalar), ulps);
        Placed big = withSpecials(Layouts.place(BIG, Layout.CONTIGUOUS, new Random(1)), 5f);
        compare(op + " big", unary(REF, op, big), unary(SIMD, op, big), ulps);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesTheReference(BinaryOp op) {
        double ulps = 0;
        Random rnd = new Random(100 + op.ordinal());
        Placed scalar = new Placed(new float[] {1.5f}, View.contiguous(Shape.of(1, 1)).expand(SHAPE.toArray()));
        Placed[][] pairs = {
            {place(SHAPE, Layout.CONTIGUOUS, rnd), place(SHAPE, Layout.CONTIGUOUS, rnd)},
            {place(SHAPE, Layout.CONTIGUOUS, rnd), scalar},
            {scalar, place(SHAPE, Layout.CONTIGUOUS, rnd)},
            {place(SHAPE, Layout.TRANSPOSED, rnd), place(SHAPE, Layout.STRIDED, rnd)},
            {place(SHAPE, Layout.FLIPPED, rnd), rowBroadcast(rnd)},
            {place(BIG, Layout.CONTIGUOUS, rnd), place(BIG, Layout.CONTIGUOUS, rnd)},
        };
        for (int i = 0; i < pairs.length; i++) {
            Placed a = pairs[i][0];
            Placed b = pairs[i][1];
            if (op.isComparison()) {
                assertArrayEquals((boolean[]) binary(REF, op, a, b), (boolean[]) binary(SIMD, op, a, b), op + " pair " + i);
            } else {
                compare(op + " pair " + i, (float[]) binary(REF, op, a, b), (float[]) binary(SIMD, op, a, b), ulps);
            }
        }
    }

    @Test
    void whereCastAndCopyAreExact() {
        Random rnd = new Random(5);
        Placed a = place(SHAPE, Layout.CONTIGUOUS, rnd);
        Placed b = place(SHAPE, Layout.TRANSPOSED, rnd);
        boolean[] cond = new boolean[SHAPE.numel()];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = rnd.nextBoolean();
        }
        View vc = View.contiguous(SHAPE);
        Placed zero = new Placed(new float[] {0f}, View.contiguous(Shape.of(1, 1)).expand(SHAPE.toArray()));
        for (Placed[] pair : new Placed[][] {{a, b}, {a, zero}, {zero, b}}) {
            float[] ref = where(REF, cond, vc, pair[0], pair[1]);
            compare("where", ref, where(SIMD, cond, vc, pair[0], pair[1]), 0);
        }
        for (Layout layout : Layout.values()) {
            Placed x = place(SHAPE, layout, rnd);
            compare("cast " + layout, cast(REF, x), cast(SIMD, x), 0);
            // copyInto a transposed destination view
            float[] dst = new float[SHAPE.numel()];
            View vd = View.contiguous(Shape.of(SHAPE.dim(1), SHAPE.dim(0))).transpose(0, 1);
            Storage refDst = REF.fromArray(dst, DType.F32);
            Storage simdDst = SIMD.fromArray(dst, DType.F32);
            REF.copyInto(refDst, vd, REF.fromArray(x.data(), DType.F32), x.view());
            SIMD.copyInto(simdDst, vd, SIMD.fromArray(x.data(), DType.F32), x.view());
            View all = View.contiguous(Shape.of(dst.length));
            compare("copyInto " + layout, (float[]) REF.toArray(refDst, all), (float[]) SIMD.toArray(simdDst, all), 0);
        }
    }

    private static Placed place(Shape shape, Layout layout, Random rnd) {
        return withSpecials(Layouts.place(shape, layout, rnd), 3f);
    }

    /** A row of SHAPE's width broadcast down its rows (stride 0 along dim 0, like adding a bias). */
    private static Placed rowBroadcast(Random rnd) {
        Placed row = Layouts.place(Shape.of(1, SHAPE.dim(1)), Layout.CONTIGUOUS, rnd);
        return new Placed(row.data(), row.view().expand(SHAPE.toArray()));
    }

    /** Scales the values to [-scale, scale) and plants the special values at the start of the storage. */
    private static Placed withSpecials(Placed p, float scale) {
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = i < SPECIAL.length * 7 && i % 7 == 0 ? SPECIAL[i / 7] : d[i] * scale;
        }
        return p;
    }

    private static float[] unary(Backend be, UnaryOp op, Placed x) {
        Storage out = be.unary(op, be.fromArray(x.data(), DType.F32), x.view());
        return (float[]) be.toArray(out, View.contiguous(Shape.of(out.size())));
    }

    private static Object binary(Backend be, BinaryOp op, Placed a, Placed b) {
        Storage out = be.binary(op, be.fromArray(a.data(), DType.F32), a.view(), be.fromArray(b.data(), DType.F32), b.view());
        return be.toArray(out, View.contiguous(Shape.of(out.size())));
    }

    private static float[] where(Backend be, boolean[] cond, View vc, Placed a, Placed b) {
        Storage out = be.where(be.fromArray(cond, DType.BOOL), vc, be.fromArray(a.data(), DType.F32), a.view(),
                be.fromArray(b.data(), DType.F32), b.view());
        return (float[]) be.toArray(out, View.contiguous(Shape.of(out.size())));
    }

    private static float[] cast(Backend be, Placed x) {
        Storage out = be.cast(be.fromArray(x.data(), DType.F32), x.view(), DType.F32);
        return (float[]) be.toArray(out, View.contiguous(Shape.of(out.size())));
    }

    /** Equal within {@code ulps} units in the last place of the reference (NaN matches NaN, infinities match exactly). */
    private static void compare(String what, float[] expected, float[] actual, double ulps) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean ok = ulps == 0 ? Float.floatToIntBits(e) == Float.floatToIntBits(a)
                    : Layouts.same(e, a) || Math.abs(a - e) <= ulps * Layouts.ulp(e);
            if (!ok) {
                fail(what + ": element " + i + " is " + a + ", reference " + e);
            }
        }
    }
}
