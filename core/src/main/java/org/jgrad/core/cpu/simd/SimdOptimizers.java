package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.backend.OptimizerKernels.AdamStep;
import org.jgrad.core.backend.OptimizerKernels.SgdStep;
import org.jgrad.core.cpu.Parallel;

/**
 * Float32 fused optimizer updates (see {@link org.jgrad.core.backend.OptimizerKernels} for the formulas):
 * one pass over parameter, gradient and state. Every step is one correctly rounded float operation in the
 * composite's order (no fma), in the vector loop and in the scalar tail alike, so the result is bit-equal to
 * the composite and to itself at any width and thread count.
 */
final class SimdOptimizers {
    /** Elements per thread: a pass reads and writes a few arrays, so only long ones are worth splitting. */
    private static final int GRAIN = 1 << 19;

    private SimdOptimizers() {
    }

    static void adam(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamStep s) {
        float decay = (float) s.decay();
        float l2 = (float) s.l2();
        boolean useL2 = s.l2() != 0;
        float b1 = (float) s.beta1();
        float omb1 = (float) s.oneMinusBeta1();
        float b2 = (float) s.beta2();
        float omb2 = (float) s.oneMinusBeta2();
        float bc2 = (float) s.biasCorrection2Sqrt();
        float eps = (float) s.eps();
        float step = (float) s.negStepSize();
        Parallel.forRange(p.length, GRAIN, (from, to) -> {
            int i = SimdWidth.SCALAR ? from
                    : adamVectors(p, g, m, v, vmax, s, from, from + SimdWidth.loopBound(to - from));
            for (; i < to; i++) {
                float pi = p[i] * decay;
                float gi = useL2 ? g[i] + pi * l2 : g[i];
                float mi = m[i] * b1 + gi * omb1;
                float vi = v[i] * b2 + gi * omb2 * gi;
                m[i] = mi;
                v[i] = vi;
                if (vmax != null) {
                    vi = Math.max(vmax[i], vi);
                    vmax[i] = vi;
                }
                float denom = (float) Math.sqrt(vi) / bc2 + eps;
                p[i] = pi + mi * step / denom;
            }
        });
    }

    /**
     * The vector part of {@link #adam} over {@code [from, to)} ({@code to - from} a multiple of the lanes);
     * returns {@code to}. Its own small method so that C2 compiles it with every Vector API call inlined.
     */
    private static int adamVectors(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamStep s, int from,
                                   int to) {
        float decay = (float) s.decay();
        float l2 = (float) s.l2();
        boolean useL2 = s.l2() != 0;
        float b1 = (float) s.beta1();
        float omb1 = (float) s.oneMinusBeta1();
        float b2 = (float) s.beta2();
        float omb2 = (float) s.oneMinusBeta2();
        float bc2 = (float) s.biasCorrection2Sqrt();
        float eps = (float) s.eps();
        float step = (float) s.negStepSize();
        for (int i = from; i < to; i += LANES) {
            FloatVector pv = FloatVector.fromArray(F32, p, i).mul(decay);
            FloatVector gv = FloatVector.fromArray(F32, g, i);
            if (useL2) {
                gv = gv.add(pv.mul(l2));
            }
            FloatVector mv = FloatVector.fromArray(F32, m, i).mul(b1).add(gv.mul(omb1));
            FloatVector vv = FloatVector.fromArray(F32, v, i).mul(b2).add(gv.mul(omb2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            if (vmax != null) {
                vv = FloatVector.fromArray(F32, vmax, i).max(vv);
                vv.intoArray(vmax, i);
            }
            FloatVector denom = vv.sqrt().div(bc2).add(eps);
            pv.add(mv.mul(step).div(denom)).intoArray(p, i);
        }
        return to;
    }

    static void sgd(float[] p, float[] g, float[] buf, SgdStep s) {
        float wd = (float) s.weightDecay();
        boolean useWd = s.weightDecay() != 0;
        float mom = (float) s.momentum();
        float omd = (float) s.oneMinusDampening();
        float lr = (float) s.lr();
        boolean first = s.first();
        boolean nesterov = s.nesterov();
        Parallel.forRange(p.length, GRAIN, (from, to) -> {
            int i = from;
            if (!SimdWidth.SCALAR) {
                int bound = from + SimdWidth.loopBound(to - from);
                for (; i < bound; i += LANES) {
                    FloatVector pv = FloatVector.fromArray(F32, p, i);
                    FloatVector d = FloatVector.fromArray(F32, g, i);
                    if (useWd) {
                        d = d.add(pv.mul(wd));
                    }
                    if (buf != null) {
                        FloatVector b = first ? d : FloatVector.fromArray(F32, buf, i).mul(mom).add(d.mul(omd));
                        b.intoArray(buf, i);
                        d = nesterov ? d.add(b.mul(mom)) : b;
                    }
                    pv.sub(d.mul(lr)).intoArray(p, i);
                }
            }
            for (; i < to; i++) {
                float d = useWd ? g[i] + p[i] * wd : g[i];
                if (buf != null) {
                    float b = first ? d : buf[i] * mom + d * omd;
                    buf[i] = b;
                    d = nesterov ? d + b * mom : b;
                }
                p[i] = p[i] - d * lr;
            }
        });
    }
}
