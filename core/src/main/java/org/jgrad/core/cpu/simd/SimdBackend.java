package org.jgrad.core.cpu.simd;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.CpuStorage;
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
public final class SimdBackend extends ReferenceBackend {
    /** The name this backend registers under. */
    public static final String NAME = "simd";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, View vx) {
        if (x.dtype() != DType.F32 || !SimdUnary.supports(op)) {
            return super.unary(op, x, vx);
        }
        CpuStorage out = CpuStorage.allocate(DType.F32, vx.numel(), this);
        SimdUnary.apply(op, f32(x), vx, out.f32());
        return out;
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, View va, Storage b, View vb) {
        if (a.dtype() != DType.F32) {
            return super.binary(op, a, va, b, vb);
        }
        if (op.isComparison()) {
            CpuStorage out = CpuStorage.allocate(DType.BOOL, va.numel(), this);
            SimdBinary.compare(op, f32(a), va, f32(b), vb, out.bool());
            return out;
        }
        CpuStorage out = CpuStorage.allocate(DType.F32, va.numel(), this);
        SimdBinary.arithmetic(op, f32(a), va, f32(b), vb, out.f32());
        return out;
    }

    @Override
    public Storage where(Storage cond, View vc, Storage a, View va, Storage b, View vb) {
        if (a.dtype() != DType.F32) {
            return super.where(cond, vc, a, va, b, vb);
        }
        CpuStorage out = CpuStorage.allocate(DType.F32, va.numel(), this);
        SimdWhere.where(CpuStorage.of(cond).bool(), vc, f32(a), va, f32(b), vb, out.f32());
        return out;
    }

    @Override
    public Storage cast(Storage x, View vx, DType to) {
        if (x.dtype() != DType.F32 || to != DType.F32) {
            return super.cast(x, vx, to);
        }
        CpuStorage out = CpuStorage.allocate(DType.F32, vx.numel(), this);
        SimdCopy.copy(f32(x), vx, out.f32(), View.contiguous(vx.shape()));
        return out;
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
    public Storage reduce(ReduceOp op, Storage x, View vx, int[] axes) {
        if (x.dtype() != DType.F32 || op == ReduceOp.ARGMAX) {
            return super.reduce(op, x, vx, axes);
        }
        int[] outDims = vx.shape().toArray();
        for (int a : axes) {
            outDims[a] = 1;
        }
        CpuStorage out = CpuStorage.allocate(DType.F32, Shape.of(outDims).numel(), this);
        SimdReduce.reduce(op, f32(x), vx, axes, out.f32());
        return out;
    }

    @Override
    public Storage matmul(Storage a, View va, Storage b, View vb) {
        if (a.dtype() != DType.F32) {
            return super.matmul(a, va, b, vb);
        }
        int rank = va.rank();
        int[] outDims = va.shape().toArray();
        outDims[rank - 1] = vb.shape().dim(rank - 1);
        CpuStorage out = CpuStorage.allocate(DType.F32, Shape.of(outDims).numel(), this);
        SimdMatmul.matmul(f32(a), va, f32(b), vb, out.f32());
        return out;
    }

    private static float[] f32(Storage s) {
        return CpuStorage.of(s).f32();
    }
}
