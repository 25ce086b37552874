package org.jgrad.core.cpu.reference;

import org.jgrad.core.View;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * Elementwise kernels of the reference backend: one scalar loop each. Floating values are computed in
 * float64 and rounded once on store; integers and booleans are computed in {@code long}.
 */
final class ReferenceElementwise {
    private ReferenceElementwise() {
    }

    static void unary(UnaryOp op, CpuStorage x, View vx, CpuStorage out, View vo) {
        StridedLoop loop = new StridedLoop(vo, vx);
        boolean floating = x.dtype().isFloating();
        int so = loop.innerStride(0);
        int sx = loop.innerStride(1);
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                int at = offs[1] + i * sx;
                if (floating) {
                    out.setDouble(offs[0] + i * so, op.apply(x.getDouble(at)));
                } else {
                    out.setLong(offs[0] + i * so, op.applyLong(x.getLong(at)));
                }
            }
        });
    }

    static void binary(BinaryOp op, CpuStorage a, View va, CpuStorage b, View vb, CpuStorage out, View vo) {
        StridedLoop loop = new StridedLoop(vo, va, vb);
        boolean floating = a.dtype().isFloating();
        int so = loop.innerStride(0);
        int sa = loop.innerStride(1);
        int sb = loop.innerStride(2);
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                int ia = offs[1] + i * sa;
                int ib = offs[2] + i * sb;
                if (floating) {
                    out.setDouble(offs[0] + i * so, op.apply(a.getDouble(ia), b.getDouble(ib)));
                } else {
                    out.setLong(offs[0] + i * so, op.applyLong(a.getLong(ia), b.getLong(ib)));
                }
            }
        });
    }

    /** {@code op(a, s)}: {@code s} was already rounded to a's dtype by the caller. */
    static void binaryScalar(BinaryOp op, CpuStorage a, View va, double s, CpuStorage out, View vo) {
        StridedLoop loop = new StridedLoop(vo, va);
        boolean floating = a.dtype().isFloating();
        long sl = (long) s;
        int so = loop.innerStride(0);
        int sa = loop.innerStride(1);
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                int ia = offs[1] + i * sa;
                if (floating) {
                    out.setDouble(offs[0] + i * so, op.apply(a.getDouble(ia), s));
                } else {
                    out.setLong(offs[0] + i * so, op.applyLong(a.getLong(ia), sl));
                }
            }
        });
    }

    static void where(CpuStorage c, View vc, CpuStorage a, View va, CpuStorage b, View vb, CpuStorage out, View vo) {
        StridedLoop loop = new StridedLoop(vo, vc, va, vb);
        boolean[] cond = c.bool();
        int so = loop.innerStride(0);
        int sc = loop.innerStride(1);
        int sa = loop.innerStride(2);
        int sb = loop.innerStride(3);
        boolean floating = a.dtype().isFloating();
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                boolean pick = cond[offs[1] + i * sc];
                int from = pick ? offs[2] + i * sa : offs[3] + i * sb;
                CpuStorage src = pick ? a : b;
                if (floating) {
                    out.setDouble(offs[0] + i * so, src.getDouble(from));
                } else {
                    out.setLong(offs[0] + i * so, src.getLong(from));
                }
            }
        });
    }

    /** Copies (and converts) the {@code src} view into the {@code dst} view. */
    static void copy(CpuStorage src, View vs, CpuStorage dst, View vd) {
        StridedLoop loop = new StridedLoop(vd, vs);
        int sd = loop.innerStride(0);
        int ss = loop.innerStride(1);
        // Integers go through long so that I64 values above 2^53 survive the copy exactly.
        boolean viaDouble = src.dtype().isFloating() || dst.dtype().isFloating();
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                int from = offs[1] + i * ss;
                int to = offs[0] + i * sd;
                if (viaDouble) {
                    dst.setDouble(to, src.getDouble(from));
                } else {
                    dst.setLong(to, src.getLong(from));
                }
            }
        });
    }

    static void fill(CpuStorage dst, View vd, double value) {
        StridedLoop loop = new StridedLoop(vd);
        int sd = loop.innerStride(0);
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int i = 0; i < n; i++) {
                dst.setDouble(offs[0] + i * sd, value);
            }
        });
    }
}
