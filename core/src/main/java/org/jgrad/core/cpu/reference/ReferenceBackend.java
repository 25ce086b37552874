package org.jgrad.core.cpu.reference;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The scalar reference backend: every kernel a plain loop, computed in float64 (integers in
 * {@code long}), written to be read. It is the specification the SIMD and GPU backends are tested
 * against, and the first code to read to learn how an op works. Select it with
 * {@code -Djgrad.backend=reference} or {@code Backends.get("reference")}.
 */
public class ReferenceBackend implements Backend {
    /** The name this backend registers under. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        return CpuStorage.allocate(dtype, size, this);
    }

    @Override
    public Storage fromArray(Object flatArray, DType dtype) {
        CpuStorage wrapped = CpuStorage.wrap(flatArray, dtype, this);
        CpuStorage copy = CpuStorage.allocate(dtype, wrapped.size(), this);
        System.arraycopy(flatArray, 0, copy.array(), 0, wrapped.size());
        return copy;
    }

    @Override
    public Object toArray(Storage src, View view) {
        return ((CpuStorage) cast(src, view, src.dtype())).array();
    }

    @Override
    public void fill(Storage dst, View view, double value) {
        ReferenceElementwise.fill(CpuStorage.of(dst), view, value);
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, View vx) {
        CpuStorage out = CpuStorage.allocate(x.dtype(), vx.numel(), this);
        ReferenceElementwise.unary(op, CpuStorage.of(x), vx, out);
        return out;
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, View va, Storage b, View vb) {
        DType outType = op.isComparison() ? DType.BOOL : a.dtype();
        CpuStorage out = CpuStorage.allocate(outType, va.numel(), this);
        ReferenceElementwise.binary(op, CpuStorage.of(a), va, CpuStorage.of(b), vb, out);
        return out;
    }

    @Override
    public Storage where(Storage cond, View vc, Storage a, View va, Storage b, View vb) {
        CpuStorage out = CpuStorage.allocate(a.dtype(), va.numel(), this);
        ReferenceElementwise.where(CpuStorage.of(cond), vc, CpuStorage.of(a), va, CpuStorage.of(b), vb, out);
        return out;
    }

    @Override
    public Storage cast(Storage x, View vx, DType to) {
        CpuStorage out = CpuStorage.allocate(to, vx.numel(), this);
        ReferenceElementwise.copy(CpuStorage.of(x), vx, out, View.contiguous(vx.shape()));
        return out;
    }

    @Override
    public void copyInto(Storage dst, View vdst, Storage src, View vsrc) {
        ReferenceElementwise.copy(CpuStorage.of(src), vsrc, CpuStorage.of(dst), vdst);
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, View vx, int[] axes) {
        Shape outShape = ReferenceReduce.keepdimShape(vx.shape(), axes);
        if (op == ReduceOp.ARGMAX) {
            CpuStorage out = CpuStorage.allocate(DType.I64, outShape.numel(), this);
            ReferenceReduce.argmax(CpuStorage.of(x), vx, axes[0], out);
            return out;
        }
        CpuStorage out = CpuStorage.allocate(x.dtype(), outShape.numel(), this);
        ReferenceReduce.sumOrMax(op, CpuStorage.of(x), vx, axes, out);
        return out;
    }

    @Override
    public Storage matmul(Storage a, View va, Storage b, View vb) {
        int rank = va.rank();
        int[] outDims = va.shape().toArray();
        outDims[rank - 1] = vb.shape().dim(rank - 1);
        CpuStorage out = CpuStorage.allocate(a.dtype(), Shape.of(outDims).numel(), this);
        ReferenceMatmul.matmul(CpuStorage.of(a), va, CpuStorage.of(b), vb, out);
        return out;
    }

    @Override
    public Storage gather(Storage x, View vx, int dim, Storage index, View vindex) {
        CpuStorage out = CpuStorage.allocate(x.dtype(), vindex.numel(), this);
        ReferenceIndexing.gather(CpuStorage.of(x), vx, dim, CpuStorage.of(index), vindex, out);
        return out;
    }

    @Override
    public void scatterAdd(Storage dst, View vdst, int dim, Storage index, View vindex, Storage src, View vsrc) {
        ReferenceIndexing.scatterAdd(CpuStorage.of(dst), vdst, dim, CpuStorage.of(index), vindex,
                CpuStorage.of(src), vsrc);
    }

    @Override
    public Storage indexSelect(Storage x, View vx, int dim, Storage index, View vindex) {
        int[] outDims = vx.shape().toArray();
        outDims[dim] = vindex.numel();
        CpuStorage out = CpuStorage.allocate(x.dtype(), Shape.of(outDims).numel(), this);
        ReferenceIndexing.indexSelect(CpuStorage.of(x), vx, dim, CpuStorage.of(index), vindex, out);
        return out;
    }
}
