package org.jgrad.core.cpu.simd;

import org.jgrad.core.DType;
import org.jgrad.core.View;
import org.jgrad.core.backend.FusedKernels;
import org.jgrad.core.backend.OptimizerKernels;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.DenseTarget;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The fast CPU backend: float32 kernels written with the Vector API and split across threads, and the
 * {@link ReferenceBackend}'s kernels for everything else (float64, integers, booleans, indexing).
 *
 * <p>Results agree with the reference within float32 rounding: elementwise arithmetic is bit-equal,
 * transcendental functions are within 1 ulp, sums are blocked so that their error does not grow with
 * length, and matrix products accumulate in float32 with fused multiply-adds. NaN propagates through
 * MAX and MIN as it does in PyTorch.
 *
 * <p>Settings, read once per JVM: {@code -Djgrad.simd.width=0|64|128|256|512} (bits; 0 = scalar loops,
 * default = the CPU's widest) and {@code -Djgrad.threads=N} (default: all cores). Needs
 * {@code --add-modules jdk.incubator.vector}; {@link SimdProvider} reports when it is missing.
 *
 * <pre>{@code
 * Backend simd = Backends.get("simd");
 * Storage a = simd.fromArray(new float[] {1, 2, 3, 4}, DType.F32);
 * View m = View.contiguous(Shape.of(2, 2));
 * Storage c = simd.matmul(a, m, a, m);      // [[7, 10], [15, 22]]
 * }</pre>
 */
public final class SimdBackend extends ReferenceBackend implements OptimizerKernels, FusedKernels {
    /** The name this backend registers under. */
    public static final String NAME = "simd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void unary(UnaryOp op, Storage x, View vx, Storage out, View vout) {
        if (x.dtype() != DType.F32 || !SimdUnary.supports(op)) {
            super.unary(op, x, vx, out, vout);
            return;
        }
        DenseTarget.write(this, out, vout, dense -> SimdUnary.apply(op, f32(x), vx, dense.f32()));
    }

    @Override
    public void binary(BinaryOp op, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        if (a.dtype() != DType.F32) {
            super.binary(op, a, va, b, vb, out, vout);
            return;
        }
        if (op.isComparison()) {
            DenseTarget.write(this, out, vout, dense -> SimdBinary.compare(op, f32(a), va, f32(b), vb, dense.bool()));
        } else {
            DenseTarget.write(this, out, vout, dense -> SimdBinary.arithmetic(op, f32(a), va, f32(b), vb, dense.f32()));
        }
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, View va, double s, Storage out, View vout) {
        if (a.dtype() != DType.F32) {
            super.binaryScalar(op, a, va, s, out, vout);
            return;
        }
        // The number as a one-element operand broadcast over a's shape: the kernels' stride-0 path.
        float[] one = {(float) s};
        View vs = new View(va.shape(), new int[va.rank()], 0);
        if (op.isComparison()) {
            DenseTarget.write(this, out, vout, dense -> SimdBinary.compare(op, f32(a), va, one, vs, dense.bool()));
        } else {
            DenseTarget.write(this, out, vout, dense -> SimdBinary.arithmetic(op, f32(a), va, one, vs, dense.f32()));
        }
    }

    @Override
    public void where(Storage cond, View vc, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        if (a.dtype() != DType.F32) {
            super.where(cond, vc, a, va, b, vb, out, vout);
            return;
        }
        DenseTarget.write(this, out, vout,
                dense -> SimdWhere.where(CpuStorage.of(cond).bool(), vc, f32(a), va, f32(b), vb, dense.f32()));
    }

    @Override
    public Storage indexSelect(Storage x, View vx, int dim, Storage index, View vindex) {
        if (x.dtype() == DType.F32 && dim == 0) {
            int[] outDims = vx.shape().toArray();
            outDims[0] = vindex.numel();
            Storage out = empty(DType.F32, org.jgrad.core.Shape.of(outDims).numel());
            if (SimdIndexing.selectRows(f32(x), vx, CpuStorage.of(index).i64(), vindex, f32(out))) {
                return out;
            }
            release(out);
        }
        return super.indexSelect(x, vx, dim, index, vindex);
    }

    @Override
    public Storage gather(Storage x, View vx, int dim, Storage index, View vindex) {
        if (x.dtype() != DType.F32) {
            return super.gather(x, vx, dim, index, vindex);
        }
        Storage out = empty(DType.F32, vindex.numel());
        try {
            SimdGather.gather(f32(x), vx, dim, CpuStorage.of(index).i64(), vindex, f32(out));
        } catch (RuntimeException e) {
            release(out);
            throw e;
        }
        return out;
    }

    @Override
    public void scatterAdd(Storage dst, View vdst, int dim, Storage index, View vindex, Storage src, View vsrc) {
        if (dst.dtype() != DType.F32 || src.dtype() != DType.F32) {
            super.scatterAdd(dst, vdst, dim, index, vindex, src, vsrc);
        } else if (dim != 0
                || !SimdIndexing.addRows(f32(dst), vdst, CpuStorage.of(index).i64(), vindex, f32(src), vsrc)) {
            SimdGather.scatterAdd(f32(dst), vdst, dim, CpuStorage.of(index).i64(), vindex, f32(src), vsrc);
        }
    }

    @Override
    public void copyInto(Storage dst, View vdst, Storage src, View vsrc) {
        if (dst.dtype() != DType.F32 || src.dtype() != DType.F32) {
            super.copyInto(dst, vdst, src, vsrc);
            return;
        }
        SimdCopy.copy(f32(src), vsrc, f32(dst), vdst);
    }

    @Override
    public void reduce(ReduceOp op, Storage x, View vx, int[] axes, Storage out, View vout) {
        if (x.dtype() != DType.F32) {
            super.reduce(op, x, vx, axes, out, vout);
            return;
        }
        if (op == ReduceOp.ARGMAX) {
            DenseTarget.write(this, out, vout, dense -> SimdGather.argmax(f32(x), vx, axes[0], dense.i64()));
            return;
        }
        DenseTarget.write(this, out, vout, dense -> SimdReduce.reduce(op, f32(x), vx, axes, dense.f32()));
    }

    @Override
    public void matmul(Storage a, View va, Storage b, View vb, Storage out, View vout) {
        if (a.dtype() != DType.F32) {
            super.matmul(a, va, b, vb, out, vout);
            return;
        }
        DenseTarget.write(this, out, vout, dense -> {
            // The kernels accumulate into their output, which may be reused memory.
            java.util.Arrays.fill(dense.f32(), 0, vout.numel(), 0f);
            SimdMatmul.matmul(f32(a), va, f32(b), vb, dense.f32());
        });
    }

    @Override
    public boolean softmax(Storage x, View vx, int dim, boolean log, Storage out) {
        int rank = vx.rank();
        if (x.dtype() != DType.F32 || dim != rank - 1 || !vx.isContiguous() || out.dtype() != DType.F32) {
            return false;   // the composite handles other axes and layouts
        }
        int n = vx.shape().dim(rank - 1);
        SimdSoftmax.rows(f32(x), vx.offset(), f32(out), vx.numel() / n, n, log);
        return true;
    }

    @Override
    public boolean layerNorm(Storage x, View vx, int n, double eps, Storage out) {
        if (x.dtype() != DType.F32 || !vx.isContiguous() || out.dtype() != DType.F32) {
            return false;
        }
        SimdLayerNorm.rows(f32(x), vx.offset(), f32(out), vx.numel() / n, n, eps);
        return true;
    }

    @Override
    public boolean adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, Storage maxExpAvgSq,
                        AdamStep step) {
        if (!allF32(param, grad, expAvg, expAvgSq, maxExpAvgSq)) {
            return false;
        }
        SimdOptimizers.adam(f32(param), f32(grad), f32(expAvg), f32(expAvgSq),
                maxExpAvgSq == null ? null : f32(maxExpAvgSq), step);
        return true;
    }

    @Override
    public boolean sgd(Storage param, Storage grad, Storage momentumBuffer, SgdStep step) {
        if (!allF32(param, grad, momentumBuffer)) {
            return false;
        }
        SimdOptimizers.sgd(f32(param), f32(grad), momentumBuffer == null ? null : f32(momentumBuffer), step);
        return true;
    }

    /** The fused kernels serve float32 storages of one size on this backend (null operands are absent ones). */
    private boolean allF32(Storage first, Storage... rest) {
        if (first.dtype() != DType.F32 || first.backend() != this) {
            return false;
        }
        for (Storage s : rest) {
            if (s != null && (s.dtype() != DType.F32 || s.size() != first.size() || s.backend() != this)) {
                return false;
            }
        }
        return true;
    }

    private static float[] f32(Storage s) {
        return CpuStorage.of(s).f32();
    }
}
