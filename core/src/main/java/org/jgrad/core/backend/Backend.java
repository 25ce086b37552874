package org.jgrad.core.backend;

import org.jgrad.core.DType;
import org.jgrad.core.View;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The device SPI: the few primitive kernels every backend provides. Everything above it (views,
 * broadcasting, dtype promotion, composite ops, autograd) is written once, in terms of these methods.
 *
 * <p>Contract shared by all methods:
 * <ul>
 *   <li>Inputs come as a {@link Storage} plus the {@link View} that says which elements to read; views may
 *       be non-contiguous, expanded (stride 0) or flipped (negative stride). Kernels must not write inputs.</li>
 *   <li>Outputs are new storages holding the result densely in row-major order of the output shape, unless
 *       the method says it writes into a destination.</li>
 *   <li>The front end ({@link org.jgrad.core.NDArray}) has already checked shapes, broadcast views to a
 *       common shape and cast operands to one dtype; backends do not re-validate.</li>
 * </ul>
 *
 * <p>Backends are found with {@link java.util.ServiceLoader} through {@link BackendProvider}; see
 * {@link Backends}.
 *
 * <pre>{@code
 * Backend cpu = Backends.get("reference");
 * Storage s = cpu.fromArray(new float[] {1, 2, 3}, DType.F32);
 * Storage e = cpu.unary(UnaryOp.EXP, s, View.contiguous(Shape.of(3)));
 * }</pre>
 */
public interface Backend {

    /** Short stable name used to select the backend, e.g. {@code "reference"} or {@code "simd"}. */
    String name();

    /** A zero-filled storage of {@code size} elements. */
    Storage allocate(DType dtype, int size);

    /**
     * Copies a flat Java array into a new storage: {@code float[]} for F32, {@code double[]} for F64,
     * {@code int[]} for I32, {@code long[]} for I64, {@code boolean[]} for BOOL.
     */
    Storage fromArray(Object flatArray, DType dtype);

    /** Copies the viewed elements out, in row-major order, as a flat Java array of the storage's dtype. */
    Object toArray(Storage src, View view);

    /** Writes {@code value} (converted to the dtype) to every element of the view, in place. */
    void fill(Storage dst, View view, double value);

    /** Elementwise {@code op(x)}; same dtype out. */
    Storage unary(UnaryOp op, Storage x, View vx);

    /** Elementwise {@code op(a, b)} for equally shaped views of one dtype; comparisons give BOOL. */
    Storage binary(BinaryOp op, Storage a, View va, Storage b, View vb);

    /** Elementwise {@code cond ? a : b} for equally shaped views; cond is BOOL, a and b share a dtype. */
    Storage where(Storage cond, View vc, Storage a, View va, Storage b, View vb);

    /** The viewed elements converted to {@code to} (a dense copy when {@code to} is the same dtype). */
    Storage cast(Storage x, View vx, DType to);

    /**
     * Copies {@code src} elementwise into the {@code dst} view (same shape and dtype), in place. The two must
     * not overlap in memory: backends may copy in any order and in parallel.
     */
    void copyInto(Storage dst, View vdst, Storage src, View vsrc);

    /**
     * Reduces over {@code axes} (sorted, distinct) keeping them as size-1 dims in the output. SUM and MAX
     * keep the dtype; ARGMAX reduces exactly one axis and returns I64 indices of the first maximum.
     */
    Storage reduce(ReduceOp op, Storage x, View vx, int[] axes);

    /**
     * Batched matrix product: {@code va} is {@code [..., M, K]}, {@code vb} is {@code [..., K, N]} with the same
     * batch dims (already broadcast), one floating dtype; the result is {@code [..., M, N]}.
     */
    Storage matmul(Storage a, View va, Storage b, View vb);

    /**
     * {@code out[i][j][k] = x[i][idx[i][j][k]][k]} for {@code dim = 1} and likewise for other dims: the output
     * has the index's shape. Index dtype is I64 and its values are already checked to be in range.
     */
    Storage gather(Storage x, View vx, int dim, Storage index, View vindex);

    /**
     * Adds {@code src} into {@code dst} at the positions the index gives along {@code dim}, in place:
     * {@code dst[i][idx[i][j][k]][k] += src[i][j][k]} for {@code dim = 1}. Index and src views have one
     * shape; {@code dst} is dense (a fresh storage the front end made).
     */
    void scatterAdd(Storage dst, View vdst, int dim, Storage index, View vindex, Storage src, View vsrc);

    /**
     * Picks slices along {@code dim} by a 1-D I64 index: the output has {@code x}'s shape with {@code dim}
     * resized to the index's length.
     */
    Storage indexSelect(Storage x, View vx, int dim, Storage index, View vindex);
}
