package org.jgrad.core.backend;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The device SPI (version 2): the few primitive kernels every backend provides. Everything above it (views,
 * broadcasting, dtype promotion, composite ops, autograd) is written once, in terms of these methods.
 *
 * <p>Contract shared by all methods:
 * <ul>
 *   <li>Inputs come as a {@link Storage} plus the {@link View} that says which elements to read; views may
 *       be non-contiguous, expanded (stride 0) or flipped (negative stride). Kernels must not write inputs.</li>
 *   <li><b>Destinations.</b> The kernels write into a destination {@code out} seen through {@code vout}, which
 *       has the result's shape and dtype and is never expanded (no stride 0 on a dimension longer than 1).
 *       An elementwise kernel's destination may be exactly one of its inputs (same storage, same view): that
 *       is an in-place op, and each element is read before it is written. Otherwise a destination does not
 *       overlap the inputs; the front end ({@link org.jgrad.core.NDArray}) makes sure of both.</li>
 *   <li>The allocating forms (no {@code out}) are defaults that take a fresh dense storage from
 *       {@link #empty} and call the destination form; a backend implements only the destination forms.</li>
 *   <li>The front end has already checked shapes, broadcast views to a common shape and cast operands to
 *       one dtype; backends do not re-validate.</li>
 *   <li><b>Lifecycle.</b> {@link #empty} may hand out memory that an earlier {@link #release} gave back (a
 *       per-backend cache), so a training loop that releases its temporaries stops allocating after its first
 *       step. A released storage must not be used again; backends fail clearly if it is.</li>
 *   <li>No method here reads a value back to the host except {@link #toArray}: a GPU backend runs the others
 *       asynchronously.</li>
 * </ul>
 *
 * <p>Backends are found with {@link java.util.ServiceLoader} through {@link BackendProvider}; see
 * {@link Backends}.
 *
 * <pre>{@code
 * Backend cpu = Backends.get("reference");
 * View v = View.contiguous(Shape.of(3));
 * Storage s = cpu.fromArray(new float[] {1, 2, 3}, DType.F32);
 * Storage e = cpu.unary(UnaryOp.EXP, s, v);                  // a new storage
 * cpu.binaryScalar(BinaryOp.MUL, s, v, 2.0, s, v);           // s *= 2, in place
 * }</pre>
 */
public interface Backend {

    /** Short stable name used to select the backend, e.g. {@code "reference"} or {@code "simd"}. */
    String name();

    // ---------------------------------------------------------------- memory

    /** A zero-filled storage of {@code size} elements. */
    Storage allocate(DType dtype, int size);

    /**
     * A storage of {@code size} elements whose contents are unspecified: for results of which every element
     * is about to be written. May reuse memory given back by {@link #release}. Defaults to {@link #allocate}.
     */
    default Storage empty(DType dtype, int size) {
        return allocate(dtype, size);
    }

    /**
     * Gives {@code storage}'s memory back to this backend's cache. The caller promises that nothing reads or
     * writes the storage afterwards (every view of it is dead); a backend may detect a later use and fail.
     * Releasing is optional: unreleased storage is reclaimed by the garbage collector. Default: nothing.
     */
    default void release(Storage storage) {
    }

    /**
     * Copies a flat Java array into a new storage: {@code float[]} for F32, {@code double[]} for F64,
     * {@code int[]} for I32, {@code long[]} for I64, {@code boolean[]} for BOOL.
     */
    Storage fromArray(Object flatArray, DType dtype);

    /**
     * {@link #fromArray} for an array the caller hands over and never touches again (one it just filled):
     * a CPU backend keeps it as the storage instead of copying it; another backend copies it as usual.
     */
    default Storage adoptArray(Object flatArray, DType dtype) {
        return fromArray(flatArray, dtype);
    }

    /** Copies the viewed elements out, in row-major order, as a flat Java array of the storage's dtype. */
    Object toArray(Storage src, View view);

    /** Writes {@code value} (converted to the dtype) to every element of the view, in place. */
    void fill(Storage dst, View view, double value);

    // ---------------------------------------------------------------- destination forms (implemented)

    /** {@code out = op(x)} elementwise; same dtype. */
    void unary(UnaryOp op, Storage x, View vx, Storage out, View vout);

    /** {@code out = op(a, b)} for equally shaped views of one dtype; comparisons write BOOL. */
    void binary(BinaryOp op, Storage a, View va, Storage b, View vb, Storage out, View vout);

    /**
     * {@code out = op(a, s)}: the right operand is a number, not a tensor (a constant need not live on the
     * device). {@code s} is first rounded to {@code a}'s dtype, exactly as a rank-0 tensor of that dtype
     * holding {@code s} would be, so the result equals {@link #binary} with such a tensor broadcast.
     */
    void binaryScalar(BinaryOp op, Storage a, View va, double s, Storage out, View vout);

    /** {@code out = cond ? a : b} for equally shaped views; cond is BOOL, a, b and out share a dtype. */
    void where(Storage cond, View vc, Storage a, View va, Storage b, View vb, Storage out, View vout);

    /**
     * Copies {@code src} elementwise into the {@code dst} view (same shape), converting to {@code dst}'s dtype
     * (as {@link #cast} does), in place. The two must not overlap in memory: backends may copy in any order
     * and in parallel.
     */
    void copyInto(Storage dst, View vdst, Storage src, View vsrc);

    /**
     * {@code out = op(x)} reduced over {@code axes} (sorted, distinct), which stay as size-1 dims of
     * {@code vout}. SUM and MAX keep the dtype; ARGMAX reduces exactly one axis and writes I64 indices of the
     * first maximum.
     */
    void reduce(ReduceOp op, Storage x, View vx, int[] axes, Storage out, View vout);

    /**
     * Batched matrix product {@code out = a @ b}: {@code va} is {@code [..., M, K]}, {@code vb} is
     * {@code [..., K, N]} with the same batch dims (already broadcast), one floating dtype; {@code vout} is
     * {@code [..., M, N]}.
     */
    void matmul(Storage a, View va, Storage b, View vb, Storage out, View vout);

    /**
     * {@code out[i][j][k] = x[i][idx[i][j][k]][k]} for {@code dim = 1} and likewise for other dims: the output
     * has the index's shape. Index dtype is I64; the backend checks each value against {@code dim}'s size and
     * throws {@link IndexRange#outOfRange} for the first one outside (the front end does not read indices). A
     * backend whose kernels run asynchronously (cuda) may throw it at the next read of a value instead, as
     * PyTorch reports device-side errors; it must still name this op and the bad value.
     */
    Storage gather(Storage x, View vx, int dim, Storage index, View vindex);

    /**
     * Adds {@code src} into {@code dst} at the positions the index gives along {@code dim}, in place:
     * {@code dst[i][idx[i][j][k]][k] += src[i][j][k]} for {@code dim = 1}. Index and src views have one
     * shape; {@code dst} is dense (a fresh storage the front end made, so a range error part-way through
     * leaves no visible tensor changed). Index values are checked as in {@link #gather}.
     */
    void scatterAdd(Storage dst, View vdst, int dim, Storage index, View vindex, Storage src, View vsrc);

    /**
     * Picks slices along {@code dim} by a 1-D I64 index: the output has {@code x}'s shape with {@code dim}
     * resized to the index's length. Index values are checked as in {@link #gather}, before any is used.
     */
    Storage indexSelect(Storage x, View vx, int dim, Storage index, View vindex);

    // ---------------------------------------------------------------- allocating forms (defaults)

    /** Elementwise {@code op(x)} into a new dense storage. */
    default Storage unary(UnaryOp op, Storage x, View vx) {
        Storage out = OutOfMemory.empty(this, op.methodName(), x.dtype(), vx.shape());
        unary(op, x, vx, out, View.contiguous(vx.shape()));
        return out;
    }

    /** Elementwise {@code op(a, b)} into a new dense storage; comparisons give BOOL. */
    default Storage binary(BinaryOp op, Storage a, View va, Storage b, View vb) {
        Storage out = OutOfMemory.empty(this, op.methodName(), op.isComparison() ? DType.BOOL : a.dtype(), va.shape());
        binary(op, a, va, b, vb, out, View.contiguous(va.shape()));
        return out;
    }

    /** Elementwise {@code op(a, s)} into a new dense storage; comparisons give BOOL. */
    default Storage binaryScalar(BinaryOp op, Storage a, View va, double s) {
        Storage out = OutOfMemory.empty(this, op.methodName(), op.isComparison() ? DType.BOOL : a.dtype(), va.shape());
        binaryScalar(op, a, va, s, out, View.contiguous(va.shape()));
        return out;
    }

    /** Elementwise {@code cond ? a : b} into a new dense storage. */
    default Storage where(Storage cond, View vc, Storage a, View va, Storage b, View vb) {
        Storage out = OutOfMemory.empty(this, "where", a.dtype(), va.shape());
        where(cond, vc, a, va, b, vb, out, View.contiguous(va.shape()));
        return out;
    }

    /** The viewed elements converted to {@code to}, as a new dense storage (a copy when the dtype is the same). */
    default Storage cast(Storage x, View vx, DType to) {
        Storage out = OutOfMemory.empty(this, "to(" + to + ")", to, vx.shape());
        copyInto(out, View.contiguous(vx.shape()), x, vx);
        return out;
    }

    /** {@code op(x)} over {@code axes}, kept as size-1 dims, into a new dense storage. */
    default Storage reduce(ReduceOp op, Storage x, View vx, int[] axes) {
        int[] dims = vx.shape().toArray();
        for (int a : axes) {
            dims[a] = 1;
        }
        Shape outShape = Shape.of(dims);
        Storage out = OutOfMemory.empty(this, op.name().toLowerCase(java.util.Locale.ROOT),
                op == ReduceOp.ARGMAX ? DType.I64 : x.dtype(), outShape);
        reduce(op, x, vx, axes, out, View.contiguous(outShape));
        return out;
    }

    /** {@code a @ b} into a new dense storage. */
    default Storage matmul(Storage a, View va, Storage b, View vb) {
        int rank = va.rank();
        int[] dims = va.shape().toArray();
        dims[rank - 1] = vb.shape().dim(rank - 1);
        Shape outShape = Shape.of(dims);
        Storage out = OutOfMemory.empty(this, "matmul", a.dtype(), outShape);
        matmul(a, va, b, vb, out, View.contiguous(outShape));
        return out;
    }
}
