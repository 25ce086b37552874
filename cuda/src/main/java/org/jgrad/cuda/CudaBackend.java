package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.FusedKernels;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.core.backend.OptimizerKernels;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The GPU backend: every SPI primitive as a CUDA kernel of ours (the committed PTX, see
 * {@code cuda/src/main/cuda/jgrad_kernels.cu}), run through JCuda's driver API. Select it with
 * {@code -Djgrad.backend=cuda} or per array with {@code array.to(Backends.get("cuda"))}.
 *
 * <p>Work is queued on the device's stream and the host does not wait, except where a value comes back
 * ({@link #toArray}, {@link #synchronize}). Kernels that can fail on bad data (the index range checks of
 * gather, scatterAdd and indexSelect, integer division by zero) record the failure on the device; it is thrown
 * at the next read, naming the op and the bad value as the CPU backends do at the call (as a device-side error
 * surfaces in PyTorch), so a bad index may be reported by a later {@code toArray} than the op's. Memory comes from a {@link CachingAllocator}; storages go back to it when
 * released (a {@link MemoryScope} closing, {@code NDArray.release}) or, failing that, when collected. All
 * kernels are deterministic: the same inputs give the same bits on every run. Besides the primitives it has
 * the optional families {@link FusedKernels} (softmax, layerNorm) and {@link OptimizerKernels} (Adam, SGD).
 *
 * <pre>{@code
 * Backend gpu = Backends.get("cuda");
 * NDArray x = NDArray.on(gpu).fromArray(new float[] {1, 2, 3}, 3);
 * NDArray y = x.exp().mul(x);            // runs on the GPU
 * float[] back = (float[]) y.toArray();  // waits for the result
 * }</pre>
 */
public final class CudaBackend implements Backend, FusedKernels, OptimizerKernels {
    /** The name this backend registers under. */
    public static final String NAME = "cuda";
    private static final int MAX_BLOCK = 256;

    private final CudaDevice device;
    private final CachingAllocator allocator = new CachingAllocator();
    private final DeviceErrors errors;
    private final CudaFused fused;
    private volatile GemmKernel gemm = GemmKernel.fromProperty();
    private final java.util.concurrent.atomic.LongAdder hostReads = new java.util.concurrent.atomic.LongAdder();

    CudaBackend(CudaDevice device) {
        this.device = device;
        this.errors = new DeviceErrors(device, allocator);
        this.fused = new CudaFused(this);
    }

    /** Which SGEMM kernel float32 products use from now on (they all give the same bits; see {@link GemmKernel}). */
    public void useGemm(GemmKernel kernel) {
        this.gemm = java.util.Objects.requireNonNull(kernel, "kernel");
    }

    /** The SGEMM choice in force. */
    public GemmKernel gemm() {
        return gemm;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The GPU this backend runs on. */
    public CudaDevice device() {
        return device;
    }

    /**
     * Waits until every queued kernel has finished (for timing), and throws the error a kernel recorded on its
     * data since the last read, if any.
     */
    public void synchronize() {
        device.makeCurrent();
        cuCtxSynchronize();
        errors.check();
    }

    /**
     * How many times values were read back to the host ({@link #toArray}: {@code item()}, {@code toArray()},
     * printing), each of which waits for the queued kernels. A training step that reads its loss makes one.
     */
    public long hostReads() {
        return hostReads.sum();
    }

    /** Device bytes held by live storages. */
    public long memoryInUse() {
        return allocator.bytesInUse();
    }

    /** Device bytes kept by the cache for reuse. */
    public long memoryCached() {
        return allocator.bytesCached();
    }

    /** How many times the allocator asked the driver for memory. */
    public long driverAllocations() {
        return allocator.allocations();
    }

    /** Frees the cached blocks back to the driver. */
    public void emptyCache() {
        device.makeCurrent();
        allocator.emptyCache();
    }

    // ---------------------------------------------------------------- memory

    private CudaStorage fresh(DType dtype, int size) {
        device.makeCurrent();
        return new CudaStorage(dtype, size, this, allocator);
    }

    @Override
    public Storage allocate(DType dtype, int size) {
        CudaStorage s = fresh(dtype, size);
        cuMemsetD8(s.pointer(), (byte) 0, s.bytes());
        return MemoryScope.adopt(s);
    }

    @Override
    public Storage empty(DType dtype, int size) {
        return MemoryScope.adopt(fresh(dtype, size));
    }

    @Override
    public void release(Storage storage) {
        errors.release(CudaStorage.of(storage));
    }

    @Override
    public Storage fromArray(Object flatArray, DType dtype) {
        HostArray host = HostArray.of(flatArray, dtype);
        CudaStorage s = fresh(dtype, host.length());
        if (host.length() > 0) {
            cuMemcpyHtoD(s.pointer(), host.pointer(), (long) host.length() * dtype.byteSize());
        }
        return MemoryScope.adopt(s);
    }

    @Override
    public Object toArray(Storage src, View view) {
        CudaStorage s = CudaStorage.of(src);
        hostReads.increment();
        errors.check();
        int n = view.numel();
        HostArray host = HostArray.allocate(s.dtype(), n);
        if (n == 0) {
            return host.toJava();
        }
        CudaStorage dense = s;
        int offset = view.offset();
        if (!view.isContiguous()) {
            dense = fresh(s.dtype(), n);
            copyInto(dense, View.contiguous(view.shape()), s, view);
            offset = 0;
        }
        try {
            cuMemcpyDtoH(host.pointer(), at(dense, offset), (long) n * s.dtype().byteSize());
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: reading " + n + " elements back failed; a kernel queued before"
                    + " this read may have failed: " + e.getMessage(), e);
        } finally {
            if (dense != s) {
                dense.release();
            }
        }
        return host.toJava();
    }

    @Override
    public void fill(Storage dst, View view, double value) {
        StridedGeometry g = StridedGeometry.of(view);
        Launch.of(device, KernelNames.fill(dst.dtype())).ints(view.numel()).struct(g.layout())
                .ptr(CudaStorage.of(dst)).struct(g.strides(0)).doubles(value)
                .elementwise(view.numel(), "fill of " + view.shape());
    }

    // ---------------------------------------------------------------- elementwise

    @Override
    public void unary(UnaryOp op, Storage x, View vx, Storage out, View vout) {
        StridedGeometry g = StridedGeometry.of(vout, vx);
        Launch.of(device, KernelNames.unary(op, x.dtype()))
                .ints(vout.numel()).struct(g.layout()).ptr(CudaStorage.of(x)).struct(g.strides(1))
                .ptr(CudaStorage.of(out)).struct(g.strides(0))
                .elementwise(vout.numel(), op.methodName() + " of " + vx.shape());
    }

    @Override
    public void binary(BinaryOp op, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        StridedGeometry g = StridedGeometry.of(vout, va, vb);
        Launch.of(device, KernelNames.binary(op, a.dtype(), false))
                .ints(vout.numel()).struct(g.layout()).ptr(CudaStorage.of(a)).struct(g.strides(1))
                .ptr(CudaStorage.of(b)).struct(g.strides(2)).ptr(CudaStorage.of(out)).struct(g.strides(0))
                .ptr(errorSlot(op, a.dtype())).elementwise(vout.numel(), op.methodName() + " of " + va.shape());
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, View va, double s, Storage out, View vout) {
        StridedGeometry g = StridedGeometry.of(vout, va);
        Launch launch = Launch.of(device, KernelNames.binary(op, a.dtype(), true))
                .ints(vout.numel()).struct(g.layout()).ptr(CudaStorage.of(a)).struct(g.strides(1));
        switch (a.dtype()) {
            case F32 -> launch.floats((float) s);
            case F64 -> launch.doubles(s);
            case I32 -> launch.ints((int) s);
            case I64 -> launch.longs((long) s);
            case BOOL -> launch.bytes((byte) (s != 0 ? 1 : 0));
        }
        launch.ptr(CudaStorage.of(out)).struct(g.strides(0)).ptr(errorSlot(op, a.dtype()))
                .elementwise(vout.numel(), op.methodName() + " of " + va.shape() + " and " + s);
    }

    /** Integer division and power can fail on their data (checked at the next read); nothing else here can. */
    private long errorSlot(BinaryOp op, DType dtype) {
        return !dtype.isFloating() && (op == BinaryOp.DIV || op == BinaryOp.POW)
                ? errors.slotFor(op.methodName(), null) : errors.unchecked();
    }


    @Override
    public void where(Storage cond, View vc, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        StridedGeometry g = StridedGeometry.of(vout, vc, va, vb);
        Launch.of(device, KernelNames.where(a.dtype())).ints(vout.numel()).struct(g.layout())
                .ptr(CudaStorage.of(cond)).struct(g.strides(1)).ptr(CudaStorage.of(a)).struct(g.strides(2))
                .ptr(CudaStorage.of(b)).struct(g.strides(3)).ptr(CudaStorage.of(out)).struct(g.strides(0))
                .elementwise(vout.numel(), "where of " + vout.shape());
    }

    @Override
    public void copyInto(Storage dst, View vdst, Storage src, View vsrc) {
        StridedGeometry g = StridedGeometry.of(vdst, vsrc);
        Launch.of(device, KernelNames.copy(src.dtype(), dst.dtype())).ints(vdst.numel())
                .struct(g.layout()).ptr(CudaStorage.of(src)).struct(g.strides(1)).ptr(CudaStorage.of(dst))
                .struct(g.strides(0)).elementwise(vdst.numel(), "copy of " + vsrc.shape());
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public void reduce(ReduceOp op, Storage x, View vx, int[] axes, Storage out, View vout) {
        CudaStorage xs = CudaStorage.of(x);
        int rank = vx.rank();
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            reduced[a] = true;
        }
        // Kept dims first, reduced dims last: each output element is then one row of a [rows, inner] matrix.
        int[] order = new int[rank];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                order[k++] = d;
            }
        }
        int inner = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                order[k++] = d;
                inner *= vx.shape().dim(d);
            }
        }
        int rows = vout.numel();
        if (rows == 0) {
            return;
        }
        if (inner == 0) {
            fill(out, vout, 0);
            return;
        }
        Dense rowsIn = dense(xs, vx.permute(order));
        Dense result = denseTarget(CudaStorage.of(out), vout);
        String what = op + " over axes " + java.util.Arrays.toString(axes) + " of " + vx.shape();
        if (op == ReduceOp.ARGMAX) {
            Launch.of(device, KernelNames.reduce(op, x.dtype())).ptr(rowsIn.pointer()).ptr(result.pointer()).ints(inner)
                    .run(rows, 1, 1, blockFor(inner), 0, what);
        } else {
            String kernel = KernelNames.reduce(op, x.dtype());
            // Long rows of few outputs are cut into chunks reduced by their own blocks, then the partials are
            // reduced; the cut depends on the shape alone, so the sum's order (and bits) do not change.
            int chunks = rows < 256 && inner > 65536 ? Math.min(1024, (inner + 16383) / 16384) : 1;
            int chunk = (inner + chunks - 1) / chunks;
            int width = x.dtype().byteSize();
            if (chunks == 1) {
                Launch.of(device, kernel).ptr(rowsIn.pointer()).ptr(result.pointer()).ints(inner, chunk, 1)
                        .run(rows, 1, 1, blockFor(chunk), blockFor(chunk) * width, what);
            } else {
                CudaStorage partial = fresh(x.dtype(), rows * chunks);
                try {
                    Launch.of(device, kernel).ptr(rowsIn.pointer()).ptr(partial).ints(inner, chunk, chunks)
                            .run(rows * chunks, 1, 1, blockFor(chunk), blockFor(chunk) * width, what);
                    Launch.of(device, kernel).ptr(partial).ptr(result.pointer()).ints(chunks, chunks, 1)
                            .run(rows, 1, 1, blockFor(chunks), blockFor(chunks) * width, what);
                } finally {
                    partial.release();
                }
            }
        }
        rowsIn.done();
        result.finish();
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** A power of two in [32, 256] covering {@code n} elements per block where it can. */
    static int blockFor(int n) {
        int b = 32;
        while (b < n && b < MAX_BLOCK) {
            b <<= 1;
        }
        return b;
    }

    // ---------------------------------------------------------------- matmul

    @Override
    public void matmul(Storage a, View va, Storage b, View vb, Storage out, View vout) {
        int rank = va.rank();
        int m = va.shape().dim(rank - 2);
        int kk = va.shape().dim(rank - 1);
        int n = vb.shape().dim(rank - 1);
        int batch = m * n == 0 ? 0 : vout.numel() / (m * n);
        if (vout.numel() == 0) {
            return;
        }
        Dense da = matrixOperand(CudaStorage.of(a), va);
        Dense db = matrixOperand(CudaStorage.of(b), vb);
        Dense dc = matrixTarget(CudaStorage.of(out), vout);
        String what = "matmul of " + va.shape() + " and " + vb.shape();
        GemmKernel kernel = gemm.resolve(a.dtype(), m, n, batch, device.multiprocessors());
        Launch.of(device, kernel.kernel(a.dtype())).ints(m, n, kk)
                .ptr(da.pointer()).ints(da.rowStride).longs(da.batchStride)
                .ptr(db.pointer()).ints(db.rowStride).longs(db.batchStride)
                .ptr(dc.pointer()).ints(dc.rowStride).longs(dc.batchStride)
                .run(ceilDiv(n, kernel.tile()), ceilDiv(m, kernel.tile()), batch, 256, 0, what);
        da.done();
        db.done();
        dc.finish();
    }

    /** A matrix operand as the gemm kernel reads it: row-major rows, one stride between batches. */
    private Dense matrixOperand(CudaStorage s, View v) {
        long[] strides = MatrixLayout.rowMajorStrides(v);
        if (strides != null) {
            return new Dense(s, v.offset(), (int) strides[0], strides[1], null, null);
        }
        Dense d = dense(s, v);
        return new Dense(d.storage, d.offset, v.shape().dim(v.rank() - 1), MatrixLayout.matrixSize(v), d.temp, null);
    }

    private Dense matrixTarget(CudaStorage s, View v) {
        long[] strides = MatrixLayout.rowMajorStrides(v);
        if (strides != null) {
            return new Dense(s, v.offset(), (int) strides[0], strides[1], null, null);
        }
        CudaStorage temp = fresh(s.dtype(), v.numel());
        return new Dense(temp, 0, v.shape().dim(v.rank() - 1), MatrixLayout.matrixSize(v), temp,
                () -> copyInto(s, v, temp, View.contiguous(v.shape())));
    }

    // ---------------------------------------------------------------- fused kernels (CudaFused)

    @Override
    public boolean softmax(Storage x, View vx, int dim, boolean log, Storage out) {
        return fused.softmax(x, vx, dim, log, out);
    }

    @Override
    public boolean layerNorm(Storage x, View vx, int n, double eps, Storage out) {
        return fused.layerNorm(x, vx, n, eps, out);
    }

    @Override
    public boolean adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, Storage maxExpAvgSq,
                        AdamStep step) {
        return fused.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step);
    }

    @Override
    public boolean sgd(Storage param, Storage grad, Storage momentumBuffer, SgdStep step) {
        return fused.sgd(param, grad, momentumBuffer, step);
    }

    // ---------------------------------------------------------------- indexing

    @Override
    public Storage gather(Storage x, View vx, int dim, Storage index, View vindex) {
        CudaStorage out = (CudaStorage) empty(x.dtype(), vindex.numel());
        StridedGeometry g = StridedGeometry.unmerged(vindex, vx);
        long error = errors.slotFor("gather",
                new DeviceErrors.IndexSource(CudaStorage.of(index), dim, vx.shape()));
        Launch.of(device, KernelNames.gather(x.dtype())).ints(vindex.numel()).struct(g.layout())
                .ptr(CudaStorage.of(x)).struct(g.stridesWithout(1, dim)).ints(vx.stride(dim), vx.shape().dim(dim))
                .ptr(CudaStorage.of(index)).struct(g.strides(0)).ptr(out).ptr(error)
                .elementwise(vindex.numel(), "gather along dim " + dim + " of " + vx.shape() + " by " + vindex.shape());
        return out;
    }

    @Override
    public void scatterAdd(Storage dst, View vdst, int dim, Storage index, View vindex, Storage src, View vsrc) {
        if (vdst.numel() == 0 || vindex.numel() == 0) {
            return;
        }
        if (!vdst.isContiguous()) {
            throw new IllegalArgumentException("cuda: scatterAdd writes a dense destination; got the view " + vdst);
        }
        StridedGeometry g = StridedGeometry.unmerged(vindex, vsrc);
        CudaStorage d = CudaStorage.of(dst);
        long error = errors.slotFor("scatterAdd",
                new DeviceErrors.IndexSource(CudaStorage.of(index), dim, vdst.shape()));
        Launch.of(device, KernelNames.scatterAdd(dst.dtype())).ints(vdst.numel())
                .struct(StridedGeometry.layoutOf(vdst.shape())).ptr(address(d, vdst.offset()))
                .struct(g.layout()).ints(dim).ptr(CudaStorage.of(index)).struct(g.strides(0))
                .ptr(CudaStorage.of(src)).struct(g.strides(1)).ptr(error)
                .elementwise(vdst.numel(), "scatterAdd along dim " + dim + " into " + vdst.shape() + " by "
                        + vindex.shape());
    }

    @Override
    public Storage indexSelect(Storage x, View vx, int dim, Storage index, View vindex) {
        int[] outDims = vx.shape().toArray();
        outDims[dim] = vindex.numel();
        Shape outShape = Shape.of(outDims);
        CudaStorage out = (CudaStorage) empty(x.dtype(), outShape.numel());
        StridedGeometry gx = StridedGeometry.unmerged(vx);
        long error = errors.slotFor("indexSelect",
                new DeviceErrors.IndexSource(CudaStorage.of(index), dim, vx.shape()));
        Launch.of(device, KernelNames.indexSelect(x.dtype())).ints(outShape.numel())
                .struct(StridedGeometry.layoutOf(outShape)).ptr(CudaStorage.of(x)).struct(gx.stridesWithout(0, dim))
                .ints(dim, vx.stride(dim), vx.shape().dim(dim)).ptr(CudaStorage.of(index))
                .ints(vindex.offset(), vindex.rank() == 0 ? 0 : vindex.stride(0)).ptr(out).ptr(error)
                .elementwise(outShape.numel(), "indexSelect along dim " + dim + " of " + vx.shape());
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** The device address of element {@code offset} of {@code s}, for kernel arguments. */
    static long address(CudaStorage s, int offset) {
        return s.address() + (long) offset * s.dtype().byteSize();
    }

    /** A pointer to element {@code offset} of {@code s}, for copies. */
    static CUdeviceptr at(CudaStorage s, int offset) {
        return offset == 0 ? s.pointer() : s.pointer().withByteOffset((long) offset * s.dtype().byteSize());
    }

    /**
     * A dense row-major stretch of elements a kernel reads or writes: the storage itself at an offset when the
     * view already is one, else a temporary copy (released by {@link #done}) or a temporary result that
     * {@link #finish} copies into the real destination.
     */
    private static final class Dense {
        final CudaStorage storage;
        final int offset;
        final int rowStride;
        final long batchStride;
        final CudaStorage temp;
        final Runnable writeBack;

        Dense(CudaStorage storage, int offset, int rowStride, long batchStride, CudaStorage temp, Runnable writeBack) {
            this.storage = storage;
            this.offset = offset;
            this.rowStride = rowStride;
            this.batchStride = batchStride;
            this.temp = temp;
            this.writeBack = writeBack;
        }

        long pointer() {
            return address(storage, offset);
        }

        void done() {
            if (temp != null) {
                temp.release();
            }
        }

        void finish() {
            if (writeBack != null) {
                writeBack.run();
            }
            done();
        }
    }

    /** {@code v}'s elements in row-major order: the storage itself when the view is contiguous, else a copy. */
    private Dense dense(CudaStorage s, View v) {
        if (v.isContiguous()) {
            return new Dense(s, v.offset(), 0, 0, null, null);
        }
        CudaStorage temp = fresh(s.dtype(), v.numel());
        copyInto(temp, View.contiguous(v.shape()), s, v);
        return new Dense(temp, 0, 0, 0, temp, null);
    }

    /** Where a kernel writes a dense result for {@code v}: {@code s} itself, or a temporary copied in after. */
    private Dense denseTarget(CudaStorage s, View v) {
        if (v.isContiguous()) {
            return new Dense(s, v.offset(), 0, 0, null, null);
        }
        CudaStorage temp = fresh(s.dtype(), v.numel());
        return new Dense(temp, 0, 0, 0, temp, () -> copyInto(s, v, temp, View.contiguous(v.shape())));
    }
}
