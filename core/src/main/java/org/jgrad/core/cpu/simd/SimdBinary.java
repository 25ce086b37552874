package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.BinaryOp;

/**
 * Float32 elementwise {@code op(a, b)}: arithmetic into a {@code float[]}, comparisons into a
 * {@code boolean[]}.
 *
 * <p>Semantics equal the reference: ADD, SUB, MUL and DIV are single IEEE operations, so rounding the
 * reference's float64 result gives the same float; MAX and MIN return NaN when either input is NaN (the
 * Vector API's MAX/MIN follow {@link Math#max(float, float)}, which does, and so does the scalar tail);
 * POW is {@code (float) Math.pow(a, b)} per element, exactly the reference, in every JIT tier (the Vector
 * API's {@code lanewise(POW)} is Intel's SVML once C2 compiles it and Math before, so its bits changed with
 * the tier; POW has no vector path until we have an own pow kernel); CMPLT
 * and CMPEQ are false when either side is NaN.
 *
 * <p>Layouts: a run where both operands are dense or broadcast (inner stride 1 or 0) takes the vector
 * path. A broadcast operand is one value repeated, so it is read from a small block filled with that
 * value; then one dense loop per op serves all four dense/broadcast combinations and keeps the operand
 * order (which matters for SUB, DIV and POW). Other strides take a scalar loop.
 */
final class SimdBinary {
    private static final int BLOCK = BroadcastBlocks.BLOCK;
    /** Runs shorter than this are not worth filling a block for. */
    private static final int MIN_VECTOR_RUN = 16;
    private static final int GRAIN_CHEAP = 1 << 17;
    private static final int GRAIN_POW = 1 << 13;

    private SimdBinary() {
    }

    /** Writes {@code op(a, b)} for an arithmetic op into the dense {@code out}. */
    static void arithmetic(BinaryOp op, float[] a, View va, float[] b, View vb, float[] out) {
        StridedLoop loop = new StridedLoop(View.contiguous(va.shape()), va, vb);
        int sa = loop.innerStride(1);
        int sb = loop.innerStride(2);
        boolean vectorizable = !SimdWidth.SCALAR && op != BinaryOp.POW && sa >= 0 && sa <= 1 && sb >= 0 && sb <= 1;
        ChunkedLoop.run(loop, op == BinaryOp.POW ? GRAIN_POW : GRAIN_CHEAP, (offs, n) -> {
            int o = offs[0];
            int ao = offs[1];
            int bo = offs[2];
            if (!vectorizable || n < MIN_VECTOR_RUN) {
                for (int i = 0; i < n; i++) {
                    out[o + i] = scalar(op, a[ao + i * sa], b[bo + i * sb]);
                }
                return;
            }
            float[] ab = sa == 0 ? BroadcastBlocks.filled(0, a[ao], n) : a;
            float[] bb = sb == 0 ? BroadcastBlocks.filled(1, b[bo], n) : b;
            for (int s = 0; s < n; s += BLOCK) {
                int len = Math.min(BLOCK, n - s);
                int ai = sa == 0 ? 0 : ao + s;
                int bi = sb == 0 ? 0 : bo + s;
                int i = denseArithmetic(op, ab, ai, bb, bi, out, o + s, len);
                for (; i < len; i++) {
                    out[o + s + i] = scalar(op, ab[ai + i], bb[bi + i]);
                }
            }
        });
    }

    /** Writes {@code op(a, b)} for CMPLT or CMPEQ into the dense {@code out}. */
    static void compare(BinaryOp op, float[] a, View va, float[] b, View vb, boolean[] out) {
        StridedLoop loop = new StridedLoop(View.contiguous(va.shape()), va, vb);
        int sa = loop.innerStride(1);
        int sb = loop.innerStride(2);
        boolean vectorizable = !SimdWidth.SCALAR && sa >= 0 && sa <= 1 && sb >= 0 && sb <= 1;
        ChunkedLoop.run(loop, GRAIN_CHEAP, (offs, n) -> {
            int o = offs[0];
            int ao = offs[1];
            int bo = offs[2];
            if (!vectorizable || n < MIN_VECTOR_RUN) {
                for (int i = 0; i < n; i++) {
                    out[o + i] = compareScalar(op, a[ao + i * sa], b[bo + i * sb]);
                }
                return;
            }
            float[] ab = sa == 0 ? BroadcastBlocks.filled(0, a[ao], n) : a;
            float[] bb = sb == 0 ? BroadcastBlocks.filled(1, b[bo], n) : b;
            for (int s = 0; s < n; s += BLOCK) {
                int len = Math.min(BLOCK, n - s);
                int ai = sa == 0 ? 0 : ao + s;
                int bi = sb == 0 ? 0 : bo + s;
                int i = denseCompare(op, ab, ai, bb, bi, out, o + s, len);
                for (; i < len; i++) {
                    out[o + s + i] = compareScalar(op, ab[ai + i], bb[bi + i]);
                }
            }
        });
    }


    /**
     * Vector part over dense operands; returns how many elements it did. One small method per op, so that C2
     * compiles each with its Vector API calls inlined (see {@code SimdUnary.vectorLoop}).
     */
    private static int denseArithmetic(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int o, int n) {
        int bound = SimdWidth.loopBound(n);
        return switch (op) {
            case ADD -> add(a, ao, b, bo, out, o, bound);
            case SUB -> sub(a, ao, b, bo, out, o, bound);
            case MUL -> mul(a, ao, b, bo, out, o, bound);
            case DIV -> div(a, ao, b, bo, out, o, bound);
            case MAX -> max(a, ao, b, bo, out, o, bound);
            case MIN -> min(a, ao, b, bo, out, o, bound);
            // No vector form (see the class comment): the caller's scalar loop does it.
            case POW -> 0;
            case CMPLT, CMPEQ -> throw new IllegalArgumentException(op + " gives BOOL; use compare");
        };
    }

    private static int add(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).add(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int sub(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).sub(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int mul(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).mul(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int div(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).div(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int max(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).max(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int min(float[] a, int ao, float[] b, int bo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            load(a, ao + i).min(load(b, bo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int denseCompare(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean[] out, int o, int n) {
        int bound = SimdWidth.loopBound(n);
        int i = 0;
        if (op == BinaryOp.CMPLT) {
            for (; i < bound; i += LANES) {
                load(a, ao + i).compare(VectorOperators.LT, load(b, bo + i)).intoArray(out, o + i);
            }
        } else {
            for (; i < bound; i += LANES) {
                load(a, ao + i).compare(VectorOperators.EQ, load(b, bo + i)).intoArray(out, o + i);
            }
        }
        return i;
    }

    private static FloatVector load(float[] x, int at) {
        return FloatVector.fromArray(F32, x, at);
    }

    /** The op on two floats; equal to rounding the reference's float64 result. */
    static float scalar(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b); // NaN if either is NaN, as torch.maximum
            case MIN -> Math.min(a, b);
            case POW -> (float) Math.pow(a, b);
            case CMPLT, CMPEQ -> throw new IllegalArgumentException(op + " gives BOOL; use compareScalar");
        };
    }

    static boolean compareScalar(BinaryOp op, float a, float b) {
        return op == BinaryOp.CMPLT ? a < b : a == b;
    }
}
