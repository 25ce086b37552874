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
        AdamFloats f = AdamFloats.of(s);
        Parallel.forRange(p.length, GRAIN, (from, to) -> {
            int i = SimdWidth.SCALAR ? from
                    : adamVectors(p, g, m, v, vmax, f, from, from + SimdWidth.loopBound(to - from));
            for (; i < to; i++) {
                float pi = p[i] * f.decay();
                float gi = f.useL2() ? g[i] + pi * f.l2() : g[i];
                float mi = m[i] * f.b1() + gi * f.omb1();
                float vi = v[i] * f.b2() + gi * f.omb2() * gi;
                m[i] = mi;
                v[i] = vi;
                if (vmax != null) {
                    vi = Math.max(vmax[i], vi);
                    vmax[i] = vi;
                }
                float denom = (float) Math.sqrt(vi) / f.bc2() + f.eps();
                p[i] = pi + mi * f.step() / denom;
            }
        });
    }

    /**
     * The vector part of {@link #adam} over {@code [from, to)} ({@code to - from} a multiple of the lanes);
     * returns {@code to}. Its own small method so that C2 compiles it with every Vector API call inlined.
     */
    private static int adamVectors(float[] p, float[] g, float[] m, float[] v, float[] vmax, AdamFloats f,
                                   int from, int to) {
        float decay = f.decay();
        float l2 = f.l2();
        boolean useL2 = f.useL2();
        float b1 = f.b1();
        float omb1 = f.omb1();
        float b2 = f.b2();
        float omb2 = f.omb2();
        float bc2 = f.bc2();
        float eps = f.eps();
        float step = f.step();
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

    /** An {@link AdamStep}'s numbers rounded to float32 once, as the composite's scalar operands are. */
    private record AdamFloats(float decay, float l2, boolean useL2, float b1, float omb1, float b2, float omb2,
                              float bc2, float eps, float step) {
        static AdamFloats of(AdamStep s) {
            return new AdamFloats((float) s.decay(), (float) s.l2(), s.l2() != 0, (float) s.beta1(),
                    (float) s.oneMinusBeta1(), (float) s.beta2(), (float) s.oneMinusBeta2(),
                    (float) s.biasCorrection2Sqrt(), (float) s.eps(), (float) s.negStepSize());
        }
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
