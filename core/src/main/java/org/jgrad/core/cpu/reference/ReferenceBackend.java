package org.jgrad.core.cpu.reference;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.DenseTarget;
import org.jgrad.core.cpu.StoragePool;
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

    private final StoragePool pool = StoragePool.fromProperties();

    @Override
    public Storage allocate(DType dtype, int size) {
        return MemoryScope.adopt(pool.takeZeroed(dtype, size, this));
    }

    @Override
    public Storage empty(DType dtype, int size) {
        return MemoryScope.adopt(pool.take(dtype, size, this));
    }

    @Override
    public void release(Storage storage) {
        pool.give(CpuStorage.of(storage));
    }

    /** This backend's cache of released arrays (for benchmarks and tests that count reuse). */
    public StoragePool pool() {
        return pool;
    }

    @Override
    public Storage fromArray(Object flatArray, DType dtype) {
        CpuStorage wrapped = CpuStorage.wrap(flatArray, dtype, this);
        CpuStorage copy = CpuStorage.allocate(dtype, wrapped.size(), this);
        System.arraycopy(flatArray, 0, copy.array(), 0, wrapped.size());
        return MemoryScope.adopt(copy);
    }

    @Override
    public Storage adoptArray(Object flatArray, DType dtype) {
        return MemoryScope.adopt(CpuStorage.wrap(flatArray, dtype, this));
    }

    @Override
    public Object toArray(Storage src, View view) {
        CpuStorage out = CpuStorage.allocate(src.dtype(), view.numel(), this);
        copyInto(out, View.contiguous(view.shape()), src, view);
        return out.array();
    }

    @Override
    public void fill(Storage dst, View view, double value) {
        ReferenceElementwise.fill(CpuStorage.of(dst), view, value);
    }

    @Override
    public void unary(UnaryOp op, Storage x, View vx, Storage out, View vout) {
        ReferenceElementwise.unary(op, CpuStorage.of(x), vx, CpuStorage.of(out), vout);
    }

    @Override
    public void binary(BinaryOp op, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        ReferenceElementwise.binary(op, CpuStorage.of(a), va, CpuStorage.of(b), vb, CpuStorage.of(out), vout);
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, View va, double s, Storage out, View vout) {
        ReferenceElementwise.binaryScalar(op, CpuStorage.of(a), va, roundTo(a.dtype(), s), CpuStorage.of(out), vout);
    }

    /** {@code s} as a rank-0 tensor of {@code dtype} would hold it. */
    protected static double roundTo(DType dtype, double s) {
        return switch (dtype) {
            case F32 -> (float) s;
            case F64 -> s;
            case I32 -> (int) s;
            case I64 -> (long) s;
            case BOOL -> s != 0 ? 1 : 0;
        };
    }

    @Override
    public void where(Storage cond, View vc, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        ReferenceElementwise.where(CpuStorage.of(cond), vc, CpuStorage.of(a), va, CpuStorage.of(b), vb,
                CpuStorage.of(out), vout);
    }

    @Override
    public void copyInto(Storage dst, View vdst, Storage src, View vsrc) {
        ReferenceElementwise.copy(CpuStorage.of(src), vsrc, CpuStorage.of(dst), vdst);
    }

    @Override
    public void reduce(ReduceOp op, Storage x, View vx, int[] axes, Storage out, View vout) {
        DenseTarget.write(this, out, vout, dense -> {
            if (op == ReduceOp.ARGMAX) {
                ReferenceReduce.argmax(CpuStorage.of(x), vx, axes[0], dense);
            } else {
                ReferenceReduce.sumOrMax(op, CpuStorage.of(x), vx, axes, dense);
            }
        });
    }

    @Override
    public void matmul(Storage a, View va, Storage b, View vb, Storage out, View vout) {
        DenseTarget.write(this, out, vout, dense -> ReferenceMatmul.matmul(CpuStorage.of(a), va, CpuStorage.of(b), vb, dense));
    }

    @Override
    public Storage gather(Storage x, View vx, int dim, Storage index, View vindex) {
        CpuStorage out = CpuStorage.of(empty(x.dtype(), vindex.numel()));
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
        CpuStorage out = CpuStorage.of(empty(x.dtype(), Shape.of(outDims).numel()));
        ReferenceIndexing.indexSelect(CpuStorage.of(x), vx, dim, CpuStorage.of(index), vindex, out);
        return out;
    }
}
