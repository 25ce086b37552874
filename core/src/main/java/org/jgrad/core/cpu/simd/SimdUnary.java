package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.ErrorFunction;
import org.jgrad.core.ops.UnaryOp;

/**
 * Float32 elementwise {@code y = op(x)}.
 *
 * <p>Accuracy: NEG, ABS, SQRT and RECIP are exact IEEE operations, bit-equal to the reference (which rounds
 * a float64 result once, and for these ops that gives the same float). EXP, LOG, SIN and COS use the Vector
 * API's lanewise math, which HotSpot backs with Intel's SVML routines on x86; they are within 1 ulp of the
 * exact result and handle NaN, infinities and signed zeros as {@link Math} does. The scalar tail and
 * width 0 use {@code (float) Math.exp(x)} and friends, exactly the reference.
 *
 * <p>Each op has its own loop with a constant operator: C2 compiles {@code lanewise(EXP)} to a vector
 * call only when the operator is a compile-time constant at that spot.
 */
final class SimdUnary {
    /** Cheap ops are memory-bound: only very long inputs are worth a second thread. */
    private static final int GRAIN_CHEAP = 1 << 17;
    /** Transcendental ops cost a few ns per element, so shorter inputs pay for a split. */
    private static final int GRAIN_TRANSCENDENTAL = 1 << 14;

    private SimdUnary() {
    }

    /** True for the ops this class computes; the rest (NOT) stay with the reference. */
    static boolean supports(UnaryOp op) {
        return op != UnaryOp.NOT;
    }

    /** Writes {@code op(x)} for the view {@code vx} into the dense {@code out}. */
    static void apply(UnaryOp op, float[] x, View vx, float[] out) {
        StridedLoop loop = new StridedLoop(View.contiguous(vx.shape()), vx);
        int sx = loop.innerStride(1);
        int grain = op.needsFloat() && op != UnaryOp.SQRT && op != UnaryOp.RECIP ? GRAIN_TRANSCENDENTAL : GRAIN_CHEAP;
        ChunkedLoop.run(loop, grain, (offs, n) -> {
            int o = offs[0];
            int xo = offs[1];
            if (sx == 1) {
                int i = vectorLoop(op, x, xo, out, o, n);
                for (; i < n; i++) {
                    out[o + i] = scalar(op, x[xo + i]);
                }
            } else if (sx == 0) {
                Arrays.fill(out, o, o + n, scalar(op, x[xo]));
            } else {
                for (int i = 0; i < n; i++) {
                    out[o + i] = scalar(op, x[xo + i * sx]);
                }
            }
        });
    }

    /** Vector part over dense input; returns how many elements it did (the rest is the scalar tail's). */
    private static int vectorLoop(UnaryOp op, float[] x, int xo, float[] out, int o, int n) {
        int bound = SimdWidth.loopBound(n);
        if (bound == 0) {
            return 0;
        }
        int i = 0;
        switch (op) {
            case NEG -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).neg().intoArray(out, o + i);
                }
            }
            case ABS -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).abs().intoArray(out, o + i);
                }
            }
            case EXP -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).lanewise(VectorOperators.EXP).intoArray(out, o + i);
                }
            }
            case LOG -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).lanewise(VectorOperators.LOG).intoArray(out, o + i);
                }
            }
            case SIN -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).lanewise(VectorOperators.SIN).intoArray(out, o + i);
                }
            }
            case COS -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).lanewise(VectorOperators.COS).intoArray(out, o + i);
                }
            }
            case SQRT -> {
                for (; i < bound; i += LANES) {
                    FloatVector.fromArray(F32, x, xo + i).sqrt().intoArray(out, o + i);
                }
            }
            case RECIP -> {
                FloatVector one = FloatVector.broadcast(F32, 1f);
                for (; i < bound; i += LANES) {
                    one.div(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
                }
            }
            // The Vector API has no erf: the scalar tail does every element.
            case ERF, SIGMOID, TANH -> {
            }
            case NOT -> throw new IllegalArgumentException("NOT is defined on BOOL only, not on float32");
        }
        return i;
    }

    /** The op on one float, rounded once from a float64 result like the reference. */
    static float scalar(UnaryOp op, float v) {
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case EXP -> (float) Math.exp(v);
            case LOG -> (float) Math.log(v);
            case SIN -> (float) Math.sin(v);
            case COS -> (float) Math.cos(v);
            case SQRT -> (float) Math.sqrt(v);
            case RECIP -> 1f / v;
            case ERF -> (float) ErrorFunction.erf(v);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-v)));
            case TANH -> (float) Math.tanh(v);
            case NOT -> throw new IllegalArgumentException("NOT is defined on BOOL only, not on float32");
        };
    }
}
