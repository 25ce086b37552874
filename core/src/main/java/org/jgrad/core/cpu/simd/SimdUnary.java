package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.UnaryOp;

/**
 * Float32 elementwise {@code y = op(x)}.
 *
 * <p>Accuracy: NEG, ABS, SQRT and RECIP are exact IEEE operations, bit-equal to the reference (which rounds
 * a float64 result once, and for these ops that gives the same float). EXP, LOG and ERF are our own float32
 * kernels {@link FloatExp}, {@link FloatLog} and {@link FloatErf} (within 0.95, 0.9 and 1 ulp of the exact
 * value; NaN, infinities and signed zeros as {@link Math}); SIGMOID and TANH are {@link FloatSigmoid} and
 * {@link FloatTanh} (2.5 and 1 ulp). SIN and COS are {@code (float) Math.sin(x)} per element, exactly the
 * reference.
 *
 * <p>Determinism: every op gives the same bits in the vector body, the scalar tail and at width 0, whichever
 * JIT tier runs it. That is why EXP and LOG do not use the Vector API's {@code lanewise(EXP)} (Intel's SVML
 * once C2 compiles the loop, {@link Math#exp} before), and why SIN and COS have no vector path (an own
 * kernel would be needed; Math's are the same in every tier). The element ranges that threads get therefore
 * do not matter either.
 */
final class SimdUnary {
    /**
     * Cheap ops are memory-bound: only long inputs are worth a second thread. When a hand-off woke a parked
     * worker (tens of microseconds in a VM), 128K-element grains made every training workload slower at 2
     * threads than at 1 on the 2-core Zen 5 (mlp784 b10: 10619 vs 13345 steps/s) and grains were 1M. Since the
     * helpers spin between tasks ({@code org.jgrad.core.cpu.SpinningWorkers}) a hand-off costs about a
     * microsecond: with 128K here and in the other memory-bound kernels (32K for transcendental ones and
     * softmax, 64K for layerNorm), the GPT step at 2 threads ran 21.3K vs 18.3K tokens/s in alternating runs,
     * the recommender and mlp784 b64 no slower.
     */
    private static final int GRAIN_CHEAP = 1 << 17;
    /** Transcendental ops cost a few ns per element, so shorter inputs pay for a split. */
    private static final int GRAIN_TRANSCENDENTAL = 1 << 15;

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

    /**
     * Vector part over dense input; returns how many elements it did (the rest is the scalar tail's).
     *
     * <p>One small method per op, not one loop per switch case: C2 compiles each loop on its own profile
     * with every Vector API call inlined. In one big method, the ops that were rare when C2 compiled it kept
     * non-inlined vector calls, which run the Vector API's boxed Java fallback (measured: most of a GPT
     * step's time went to {@code FloatVector.broadcast} fallbacks inside exp).
     */
    private static int vectorLoop(UnaryOp op, float[] x, int xo, float[] out, int o, int n) {
        int bound = SimdWidth.loopBound(n);
        if (bound == 0) {
            return 0;
        }
        return switch (op) {
            case NEG -> neg(x, xo, out, o, bound);
            case ABS -> abs(x, xo, out, o, bound);
            case EXP -> exp(x, xo, out, o, bound);
            case LOG -> log(x, xo, out, o, bound);
            case ERF -> erf(x, xo, out, o, bound);
            // No vector form: the scalar loop does every element with Math (see the class comment).
            case SIN, COS -> 0;
            case SQRT -> sqrt(x, xo, out, o, bound);
            case RECIP -> recip(x, xo, out, o, bound);
            case SIGMOID -> sigmoid(x, xo, out, o, bound);
            case TANH -> tanh(x, xo, out, o, bound);
            case NOT -> throw new IllegalArgumentException("NOT is defined on BOOL only, not on float32");
        };
    }

    private static int neg(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(F32, x, xo + i).neg().intoArray(out, o + i);
        }
        return bound;
    }

    private static int abs(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(F32, x, xo + i).abs().intoArray(out, o + i);
        }
        return bound;
    }

    private static int exp(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatExp.exp(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int log(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatLog.log(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    /**
     * erf in three loops per block of {@value #ERF_BLOCK}: the polynomial part and the tail's exp into
     * per-thread scratch blocks, then the tail blended in. One loop with the whole of {@link FloatErf#erf(FloatVector)} was too
     * big for C2 to inline, and its un-inlined Vector API calls ran the boxed fallback. The scratch blocks (not
     * {@code out}) keep an in-place call ({@code out == x}) correct. Same operations, same bits.
     */
    private static int erf(float[] x, int xo, float[] out, int o, int bound) {
        float[][] scratch = ERF_SCRATCH.get();
        for (int s = 0; s < bound; s += ERF_BLOCK) {
            int len = Math.min(ERF_BLOCK, bound - s);
            erfSmallParts(x, xo + s, scratch[0], len);
            erfTailExps(x, xo + s, scratch[1], len);
            erfCombine(x, xo + s, scratch[0], scratch[1], out, o + s, len);
        }
        return bound;
    }

    /** Elements per erf block: 4 KiB of floats, so the scratch stays in L1 (a multiple of every lane count). */
    private static final int ERF_BLOCK = 1024;
    private static final ThreadLocal<float[][]> ERF_SCRATCH = ThreadLocal.withInitial(() -> new float[2][ERF_BLOCK]);

    private static void erfSmallParts(float[] x, int xo, float[] scratch, int len) {
        for (int i = 0; i < len; i += LANES) {
            FloatErf.smallPart(FloatVector.fromArray(F32, x, xo + i)).intoArray(scratch, i);
        }
    }

    private static void erfTailExps(float[] x, int xo, float[] scratch, int len) {
        for (int i = 0; i < len; i += LANES) {
            FloatErf.tailExp(FloatVector.fromArray(F32, x, xo + i)).intoArray(scratch, i);
        }
    }

    private static void erfCombine(float[] x, int xo, float[] small, float[] tailExp, float[] out, int o, int len) {
        for (int i = 0; i < len; i += LANES) {
            FloatErf.combine(FloatVector.fromArray(F32, x, xo + i), FloatVector.fromArray(F32, small, i),
                    FloatVector.fromArray(F32, tailExp, i)).intoArray(out, o + i);
        }
    }

    private static int sqrt(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatVector.fromArray(F32, x, xo + i).sqrt().intoArray(out, o + i);
        }
        return bound;
    }

    private static int recip(float[] x, int xo, float[] out, int o, int bound) {
        FloatVector one = FloatVector.broadcast(F32, 1f);
        for (int i = 0; i < bound; i += LANES) {
            one.div(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int sigmoid(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatSigmoid.sigmoid(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    private static int tanh(float[] x, int xo, float[] out, int o, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatTanh.tanh(FloatVector.fromArray(F32, x, xo + i)).intoArray(out, o + i);
        }
        return bound;
    }

    /**
     * The kernel's error bound in float32 ulps from the exact value (0: correctly rounded), for each op; the
     * tests hold the kernel to it (plus the reference's own rounding).
     */
    static double maxUlps(UnaryOp op) {
        return switch (op) {
            case EXP -> FloatExp.MAX_ULPS;
            case LOG -> FloatLog.MAX_ULPS;
            case ERF -> FloatErf.MAX_ULPS;
            case SIGMOID -> FloatSigmoid.MAX_ULPS;
            case TANH -> FloatTanh.MAX_ULPS;
            case NEG, ABS, SIN, COS, SQRT, RECIP, NOT -> 0;    // IEEE ops; sin/cos through Math, rounded once
        };
    }

    /** The op on one float: bit-equal to the vector body's lanes. */
    static float scalar(UnaryOp op, float v) {
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case EXP -> FloatExp.exp(v);
            case LOG -> FloatLog.log(v);
            case SIN -> (float) Math.sin(v);
            case COS -> (float) Math.cos(v);
            case SQRT -> (float) Math.sqrt(v);
            case RECIP -> 1f / v;
            case ERF -> FloatErf.erf(v);
            case SIGMOID -> FloatSigmoid.sigmoid(v);
            case TANH -> FloatTanh.tanh(v);
            case NOT -> throw new IllegalArgumentException("NOT is defined on BOOL only, not on float32");
        };
    }
}
