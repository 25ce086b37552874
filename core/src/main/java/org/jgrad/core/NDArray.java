package org.jgrad.core;

import java.util.List;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * An n-dimensional array: a {@link Storage} on some {@link Backend}, seen through a {@link View}. This is
 * core's tensor, without gradients; the autograd module's {@code Tensor} is built on it.
 *
 * <p>NDArrays are values: every op returns a new array, except the in-place ops (names ending in {@code _},
 * such as {@link #add_(NDArray)}) and the forms with an {@code out} argument, which write into an existing
 * array as PyTorch's do. Movement ops (reshape where possible,
 * permute, expand, slice, flip, squeeze, ...) share storage and only change the view. Elementwise ops
 * broadcast like NumPy and promote dtypes like PyTorch.
 *
 * <pre>{@code
 * NDArray a = NDArray.of(new float[][] {{1, 2}, {3, 4}});
 * NDArray b = a.matmul(a.transpose(0, 1)).add(1.0);
 * System.out.println(b);            // tensor([[ 6., 12.], [12., 26.]], shape=[2, 2], dtype=float32)
 * NDArray s = b.sum(new int[] {1}, true);   // shape [2, 1]
 * }</pre>
 */
public final class NDArray {
    private final Storage storage;
    private final View view;

    /** Wraps a storage and a view of it; the view must stay inside the storage. */
    public NDArray(Storage storage, View view) {
        this.storage = storage;
        this.view = view;
    }

    /** A dense array over a fresh storage. */
    static NDArray dense(Storage storage, Shape shape) {
        return new NDArray(storage, View.contiguous(shape));
    }

    // ---------------------------------------------------------------- creation (default backend)

    /** A creation API bound to one backend: {@code NDArray.on(Backends.get("reference")).zeros(...)}. */
    public static Creation on(Backend backend) {
        return new Creation(backend);
    }

    /** A creation API bound to the default backend ({@link Backends#defaultBackend()}). */
    public static Creation on() {
        return new Creation(Backends.defaultBackend());
    }

    /** Zeros of the given dtype and shape on the default backend. */
    public static NDArray zeros(DType dtype, int... shape) {
        return on().zeros(dtype, shape);
    }

    /** Ones of the given dtype and shape on the default backend. */
    public static NDArray ones(DType dtype, int... shape) {
        return on().ones(dtype, shape);
    }

    /** An array filled with {@code value} on the default backend. */
    public static NDArray full(double value, DType dtype, int... shape) {
        return on().full(value, dtype, shape);
    }

    /** A rank-0 array holding {@code value}. */
    public static NDArray scalar(double value, DType dtype) {
        return on().scalar(value, dtype);
    }

    /** An array copied from a (nested) Java array of any rank, e.g. {@code float[][]}; dtype from the element type. */
    public static NDArray of(Object javaArray) {
        return on().of(javaArray);
    }

    /** {@code [start, start+step, ...)} below {@code end}, as in {@code torch.arange}. */
    public static NDArray arange(double start, double end, double step, DType dtype) {
        return on().arange(start, end, step, dtype);
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code end} inclusive. */
    public static NDArray linspace(double start, double end, int steps, DType dtype) {
        return on().linspace(start, end, steps, dtype);
    }

    /** The {@code n x m} identity-like matrix with ones on the diagonal. */
    public static NDArray eye(int n, int m, DType dtype) {
        return on().eye(n, m, dtype);
    }

    /** Uniform samples in {@code [0, 1)} from {@code gen}. */
    public static NDArray rand(Generator gen, DType dtype, int... shape) {
        return on().rand(gen, dtype, shape);
    }

    /** Standard normal samples from {@code gen}. */
    public static NDArray randn(Generator gen, DType dtype, int... shape) {
        return on().randn(gen, dtype, shape);
    }

    // ---------------------------------------------------------------- metadata and data access

    public Storage storage() {
        return storage;
    }

    public View view() {
        return view;
    }

    public Shape shape() {
        return view.shape();
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Backend backend() {
        return storage.backend();
    }

    /** Number of dimensions. */
    public int rank() {
        return view.rank();
    }

    /** Size of dimension {@code d} (negative counts from the end). */
    public int size(int d) {
        return view.shape().dim(d);
    }

    public int numel() {
        return view.numel();
    }

    /** The only element of a one-element array, as a double. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: only a one-element tensor can be converted to a number, "
                    + "this one has shape " + shape() + " (" + numel() + " elements)");
        }
        return toDoubleArray()[0];
    }

    /** The element at a full multi-index, as a double. */
    public double get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices given for a tensor of shape "
                    + shape() + " (expected " + rank() + ")");
        }
        View v = view;
        for (int i = 0; i < index.length; i++) {
            v = v.select(0, index[i]);
        }
        return new NDArray(storage, v).item();
    }

    /** The elements in row-major order as a flat Java array of this dtype ({@code float[]} for F32, ...). */
    public Object toArray() {
        return backend().toArray(storage, view);
    }

    /** The elements in row-major order, converted to double. */
    public double[] toDoubleArray() {
        return (double[]) to(DType.F64).toArray();
    }

    /** The elements in row-major order, converted to float. */
    public float[] toFloatArray() {
        return (float[]) to(DType.F32).toArray();
    }

    /** The elements in row-major order, converted to long (floats truncate toward zero). */
    public long[] toLongArray() {
        return (long[]) to(DType.I64).toArray();
    }

    /** The elements in row-major order, converted to boolean (non-zero is true). */
    public boolean[] toBooleanArray() {
        return (boolean[]) to(DType.BOOL).toArray();
    }

    /** This array converted to {@code dtype} (this very array when the dtype already matches). */
    public NDArray to(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        return dense(backend().cast(storage, view, dtype), shape());
    }

    /** This array's data moved to another backend (this very array when already there). */
    public NDArray to(Backend target) {
        if (target == backend()) {
            return this;
        }
        return dense(target.adoptArray(toArray(), dtype()), shape());   // toArray made a fresh copy
    }

    /** A dense copy with its own storage (PyTorch's {@code clone}). */
    public NDArray copy() {
        return dense(backend().cast(storage, view, dtype()), shape());
    }

    /** This array if it is already dense and row-major, else a dense copy. */
    public NDArray contiguous() {
        return view.isContiguous() ? this : copy();
    }

    // ---------------------------------------------------------------- movement (views, no copy)

    private NDArray withView(View v) {
        return new NDArray(storage, v);
    }

    /**
     * The same elements in a new shape; one size may be -1 and is inferred. A view when the strides allow
     * it, else a copy (as {@code torch.reshape}).
     */
    public NDArray reshape(int... shape) {
        Shape target = inferShape("reshape", shape);
        View v = view.reshapeOrNull(target);
        return v != null ? withView(v) : copy().withView(View.contiguous(target));
    }

    /** Like reshape, but fails instead of copying when the layout does not allow a view (as {@code torch.view}). */
    public NDArray viewAs(int... shape) {
        Shape target = inferShape("view", shape);
        View v = view.reshapeOrNull(target);
        if (v == null) {
            throw new IllegalArgumentException("view: a tensor of shape " + shape() + " with strides "
                    + java.util.Arrays.toString(view.strides()) + " cannot be viewed as " + target
                    + " without a copy; use reshape, or contiguous() first");
        }
        return withView(v);
    }

    private Shape inferShape(String op, int[] dims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be -1, got "
                            + java.util.Arrays.toString(dims));
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid size " + dims[i] + " in "
                        + java.util.Arrays.toString(dims) + " (expected >= 0 or -1)");
            } else {
                known *= dims[i];
            }
        }
        int[] out = dims.clone();
        if (infer >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + java.util.Arrays.toString(dims)
                        + " is invalid for a tensor of shape " + shape() + " (" + numel() + " elements)");
            }
            out[infer] = (int) (numel() / known);
        }
        Shape target = Shape.of(out);
        if (target.numel() != numel()) {
            throw new IllegalArgumentException(op + ": cannot reshape a tensor of shape " + shape() + " ("
                    + numel() + " elements) to " + target + " (" + target.numel() + " elements)");
        }
        return target;
    }

    /** Collapses all dims into one. */
    public NDArray flatten() {
        return reshape(-1);
    }

    /** Reorders dims: output dim {@code i} is input dim {@code order[i]}. */
    public NDArray permute(int... order) {
        return withView(view.permute(order));
    }

    /** Swaps two dims. */
    public NDArray transpose(int d0, int d1) {
        return withView(view.transpose(d0, d1));
    }

    /** Broadcasts size-1 dims (and new leading dims) to {@code shape}; -1 keeps a size. */
    public NDArray expand(int... shape) {
        return withView(view.expand(shape));
    }

    /** Broadcasts to {@code shape} following NumPy rules. */
    public NDArray broadcastTo(Shape shape) {
        Broadcasting.broadcastShapes("broadcastTo", shape(), shape);
        return expand(shape.toArray());
    }

    /** Python-style slice {@code [start:end:step]} along {@code dim}. */
    public NDArray slice(int dim, int start, int end, int step) {
        return withView(view.slice(dim, start, end, step));
    }

    /** {@code length} elements from {@code start} along {@code dim}. */
    public NDArray narrow(int dim, int start, int length) {
        return withView(view.narrow(dim, start, length));
    }

    /** Index {@code index} along {@code dim}, removing that dim. */
    public NDArray select(int dim, int index) {
        return withView(view.select(dim, index));
    }

    /** Removes all size-1 dims. */
    public NDArray squeeze() {
        return withView(view.squeeze());
    }

    /** Removes {@code dim} if it has size 1. */
    public NDArray squeeze(int dim) {
        return withView(view.squeeze(dim));
    }

    /** Inserts a size-1 dim at {@code dim}. */
    public NDArray unsqueeze(int dim) {
        return withView(view.unsqueeze(dim));
    }

    /** Reverses the order along the given dims. */
    public NDArray flip(int... dims) {
        return withView(view.flip(dims));
    }

    // ---------------------------------------------------------------- elementwise

    /** Applies a primitive unary op; integer inputs go to F32 first for ops that need a float. */
    public NDArray unary(UnaryOp op) {
        if (op == UnaryOp.NOT && dtype() != DType.BOOL) {
            throw new IllegalArgumentException("logicalNot: expected a bool tensor but got " + dtype()
                    + " of shape " + shape());
        }
        if (op != UnaryOp.NOT && dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op.methodName() + ": not defined for bool tensors (shape "
                    + shape() + "); cast with to(DType) first");
        }
        NDArray x = op.needsFloat() ? to(dtype().toFloating()) : this;
        return dense(backend().unary(op, x.storage, x.view), shape());
    }

    /**
     * {@code op(this)} written into {@code out} (PyTorch's {@code out=}), which must have this shape; it may be
     * this very array (an in-place op). Returns {@code out}.
     *
     * <pre>{@code
     * NDArray y = NDArray.zeros(DType.F32, 3);
     * x.unary(UnaryOp.EXP, y);     // y = exp(x), no new array
     * }</pre>
     */
    public NDArray unary(UnaryOp op, NDArray out) {
        String name = op.methodName();
        NDArray x = op.needsFloat() ? to(dtype().toFloating()) : this;
        Elementwise.sameBackend(name, x, out);
        Destinations.check(name, out, shape(), x.dtype());
        if (out.dtype() != x.dtype() || Destinations.clashes(out, x)) {
            return Destinations.writeBack(x.unary(op), out);
        }
        backend().unary(op, x.storage, x.view, out.storage, out.view);
        return out;
    }

    public NDArray neg() {
        return unary(UnaryOp.NEG);
    }

    public NDArray abs() {
        return unary(UnaryOp.ABS);
    }

    public NDArray exp() {
        return unary(UnaryOp.EXP);
    }

    public NDArray log() {
        return unary(UnaryOp.LOG);
    }

    public NDArray sin() {
        return unary(UnaryOp.SIN);
    }

    public NDArray cos() {
        return unary(UnaryOp.COS);
    }

    public NDArray sqrt() {
        return unary(UnaryOp.SQRT);
    }

    public NDArray reciprocal() {
        return unary(UnaryOp.RECIP);
    }

    /** The error function, elementwise. */
    public NDArray erf() {
        return unary(UnaryOp.ERF);
    }

    /** The logistic function {@code 1 / (1 + exp(-x))}, elementwise. */
    public NDArray sigmoid() {
        return unary(UnaryOp.SIGMOID);
    }

    /** The hyperbolic tangent, elementwise. */
    public NDArray tanh() {
        return unary(UnaryOp.TANH);
    }

    /**
     * {@code exp(x) / sum(exp(x))} along {@code dim}, shifted by the max for stability: one fused kernel where
     * the backend has one ({@link org.jgrad.core.backend.FusedKernels}), else the composite.
     */
    public NDArray softmax(int dim) {
        return Activations.softmax(this, dim, false);
    }

    /** {@code x - log(sum(exp(x)))} along {@code dim}, fused like {@link #softmax(int)}. */
    public NDArray logSoftmax(int dim) {
        return Activations.softmax(this, dim, true);
    }

    /**
     * {@code (x - mean) / sqrt(var + eps)} over the last {@code dims} dims (biased variance): layer
     * normalisation without the affine part, one fused kernel where the backend has one.
     */
    public NDArray layerNorm(int dims, double eps) {
        return Activations.layerNorm(this, dims, eps);
    }

    public NDArray logicalNot() {
        return unary(UnaryOp.NOT);
    }

    /**
     * Applies a primitive binary op with broadcasting and PyTorch type promotion; true division of
     * integers gives F32.
     */
    public NDArray binary(BinaryOp op, NDArray other) {
        return Elementwise.binary(op.methodName(), op, this, other);
    }

    /** {@code op(this, other)} written into {@code out}, which must have the broadcast shape. Returns {@code out}. */
    public NDArray binary(BinaryOp op, NDArray other, NDArray out) {
        return Elementwise.binary(op.methodName(), op, this, other, out);
    }

    /** {@code op(this, s)} for a number {@code s}, written into {@code out} of this shape. Returns {@code out}. */
    public NDArray binary(BinaryOp op, double s, NDArray out) {
        return Elementwise.binaryScalar(op.methodName(), op, this, s, true, out);
    }

    // ---------------------------------------------------------------- in place (the exceptions to immutability)

    /** {@code this += o} in place ({@code o} broadcasts to this shape); returns this. */
    public NDArray add_(NDArray o) {
        return Elementwise.binary("add_", BinaryOp.ADD, this, o, this);
    }

    /** {@code this -= o} in place; returns this. */
    public NDArray sub_(NDArray o) {
        return Elementwise.binary("sub_", BinaryOp.SUB, this, o, this);
    }

    /** {@code this *= o} in place; returns this. */
    public NDArray mul_(NDArray o) {
        return Elementwise.binary("mul_", BinaryOp.MUL, this, o, this);
    }

    /** {@code this /= o} in place (true division: this must be floating); returns this. */
    public NDArray div_(NDArray o) {
        return Elementwise.binary("div_", BinaryOp.DIV, this, o, this);
    }

    /** {@code this += s} in place; returns this. */
    public NDArray add_(double s) {
        return Elementwise.binaryScalar("add_", BinaryOp.ADD, this, s, true, this);
    }

    /** {@code this -= s} in place; returns this. */
    public NDArray sub_(double s) {
        return Elementwise.binaryScalar("sub_", BinaryOp.SUB, this, s, true, this);
    }

    /** {@code this *= s} in place; returns this. */
    public NDArray mul_(double s) {
        return Elementwise.binaryScalar("mul_", BinaryOp.MUL, this, s, true, this);
    }

    /** {@code this /= s} in place; returns this. */
    public NDArray div_(double s) {
        return Elementwise.binaryScalar("div_", BinaryOp.DIV, this, s, true, this);
    }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype) into this array; returns this. */
    public NDArray copy_(NDArray src) {
        Elementwise.sameBackend("copy_", this, src);
        // Any dtype converts (floats truncate toward zero into integers), as in torch.Tensor.copy_.
        Destinations.check("copy_", this, Broadcasting.broadcastShapes("copy_", shape(), src.shape()), dtype());
        NDArray s = src.expand(shape().toArray());
        if (s.storage == storage && s.view.equals(view)) {
            return this;
        }
        if (s.storage == storage) {
            s = s.copy();
        }
        backend().copyInto(storage, view, s.storage, s.view);
        return this;
    }

    /** Sets every element to {@code value} in place; returns this. */
    public NDArray fill_(double value) {
        Destinations.check("fill_", this, shape(), dtype());
        backend().fill(storage, view, value);
        return this;
    }

    /** Sets every element to 0 in place; returns this. */
    public NDArray zero_() {
        return fill_(0);
    }

    /**
     * Gives this array's storage back to its backend for reuse (see {@link Backend#release}). Only for arrays
     * that own their storage: afterwards neither this array nor any view of the same storage may be used, and
     * a use fails with a clear error.
     */
    public void release() {
        backend().release(storage);
    }

    public NDArray add(NDArray o) {
        return Elementwise.binary("add", BinaryOp.ADD, this, o);
    }

    public NDArray sub(NDArray o) {
        return Elementwise.binary("sub", BinaryOp.SUB, this, o);
    }

    public NDArray mul(NDArray o) {
        return Elementwise.binary("mul", BinaryOp.MUL, this, o);
    }

    /** True division (integers divide as F32, as {@code torch.div}). */
    public NDArray div(NDArray o) {
        return Elementwise.binary("div", BinaryOp.DIV, this, o);
    }

    public NDArray pow(NDArray o) {
        return Elementwise.binary("pow", BinaryOp.POW, this, o);
    }

    /** Elementwise maximum; NaN propagates. */
    public NDArray maximum(NDArray o) {
        return Elementwise.binary("maximum", BinaryOp.MAX, this, o);
    }

    /** Elementwise minimum; NaN propagates. */
    public NDArray minimum(NDArray o) {
        return Elementwise.binary("minimum", BinaryOp.MIN, this, o);
    }

    public NDArray add(double s) {
        return Elementwise.binaryScalar("add", BinaryOp.ADD, this, s, true, null);
    }

    public NDArray add(long s) {
        return Elementwise.binaryScalar("add", BinaryOp.ADD, this, s, false, null);
    }

    public NDArray sub(double s) {
        return Elementwise.binaryScalar("sub", BinaryOp.SUB, this, s, true, null);
    }

    public NDArray mul(double s) {
        return Elementwise.binaryScalar("mul", BinaryOp.MUL, this, s, true, null);
    }

    public NDArray mul(long s) {
        return Elementwise.binaryScalar("mul", BinaryOp.MUL, this, s, false, null);
    }

    public NDArray div(double s) {
        return Elementwise.binaryScalar("div", BinaryOp.DIV, this, s, true, null);
    }

    public NDArray pow(double s) {
        return Elementwise.binaryScalar("pow", BinaryOp.POW, this, s, true, null);
    }

    public NDArray lt(NDArray o) {
        return Elementwise.binary("lt", BinaryOp.CMPLT, this, o);
    }

    public NDArray gt(NDArray o) {
        return Elementwise.binary("gt", BinaryOp.CMPLT, o, this);
    }

    public NDArray le(NDArray o) {
        return gt(o).logicalNot().and(isNotNan(this, o));
    }

    public NDArray ge(NDArray o) {
        return lt(o).logicalNot().and(isNotNan(this, o));
    }

    public NDArray eq(NDArray o) {
        return Elementwise.binary("eq", BinaryOp.CMPEQ, this, o);
    }

    /** {@code a != b}; NaN is unequal to everything, itself included (IEEE). */
    public NDArray ne(NDArray o) {
        return eq(o).logicalNot();
    }

    public NDArray lt(double s) {
        return Elementwise.binaryScalar("lt", BinaryOp.CMPLT, this, s, true, null);
    }

    public NDArray gt(double s) {
        return gt(Elementwise.scalarLike(this, s, true));
    }

    public NDArray eq(double s) {
        return Elementwise.binaryScalar("eq", BinaryOp.CMPEQ, this, s, true, null);
    }

    /** Logical and of two bool arrays (broadcasting). */
    public NDArray and(NDArray o) {
        requireBool("and", this, o);
        return where(this, o, on(backend()).scalar(0, DType.BOOL));
    }

    /** Logical or of two bool arrays (broadcasting). */
    public NDArray or(NDArray o) {
        requireBool("or", this, o);
        return where(this, on(backend()).scalar(1, DType.BOOL), o);
    }

    private static void requireBool(String op, NDArray a, NDArray b) {
        if (a.dtype() != DType.BOOL || b.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": expected two bool tensors but got " + a.dtype() + " "
                    + a.shape() + " and " + b.dtype() + " " + b.shape());
        }
    }

    /** le/ge via "not gt/lt" must stay false when a NaN is involved, as IEEE comparisons do. */
    private static NDArray isNotNan(NDArray a, NDArray b) {
        return a.eq(a).and(b.eq(b));
    }

    /** True where the value is NaN. */
    public NDArray isNan() {
        return eq(this).logicalNot();
    }

    /**
     * {@code cond ? a : b} elementwise, all three broadcast together; {@code cond} must be BOOL and
     * {@code a}, {@code b} are promoted to a common dtype.
     */
    public static NDArray where(NDArray cond, NDArray a, NDArray b) {
        return Elementwise.where(cond, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements (BOOL and integer sums are I64). */
    public NDArray sum() {
        return Reductions.sum(this, null, false);
    }

    /** Sum over {@code axes} (negative allowed), keeping them as size-1 dims when {@code keepdim}. */
    public NDArray sum(int[] axes, boolean keepdim) {
        return Reductions.sum(this, axes, keepdim);
    }

    /** Maximum of all elements. */
    public NDArray max() {
        return Reductions.max(this, null, false);
    }

    /** Maximum over {@code axes} ({@code torch.amax}); NaN propagates. */
    public NDArray max(int[] axes, boolean keepdim) {
        return Reductions.max(this, axes, keepdim);
    }

    /** Flat index (I64) of the first maximum of all elements. */
    public NDArray argmax() {
        return Reductions.argmax(this, null, false);
    }

    /** Index (I64) of the first maximum along {@code dim}. */
    public NDArray argmax(int dim, boolean keepdim) {
        return Reductions.argmax(this, new int[] {dim}, keepdim);
    }

    /**
     * Index of the first maximum over a set of axes: the row-major flat index within the reduced block
     * (for one axis, the ordinary index along it).
     */
    public NDArray argmax(int[] axes, boolean keepdim) {
        return Reductions.argmax(this, axes, keepdim);
    }

    // ---------------------------------------------------------------- linear algebra and indexing

    /** Matrix product with {@code torch.matmul} semantics (1-D, 2-D, batched with broadcast batch dims). */
    public NDArray matmul(NDArray other) {
        return LinearAlgebra.matmul(this, other);
    }

    /** {@code out[..i..] = this[..index[..i..]..]} along {@code dim}; output has the index's shape. */
    public NDArray gather(int dim, NDArray index) {
        return Indexing.gather(this, dim, index);
    }

    /** A copy of this array with {@code src} added at the positions {@code index} gives along {@code dim}. */
    public NDArray scatterAdd(int dim, NDArray index, NDArray src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /** Slices along {@code dim} picked by a 1-D integer index. */
    public NDArray indexSelect(int dim, NDArray index) {
        return Indexing.indexSelect(this, dim, index);
    }

    /** Joins arrays along an existing dim; all other sizes must match. */
    public static NDArray concat(int dim, NDArray... arrays) {
        return Joining.concat(dim, arrays);
    }

    /** Joins arrays of one shape along a new dim. */
    public static NDArray stack(int dim, NDArray... arrays) {
        return Joining.stack(dim, arrays);
    }

    /** Views of consecutive chunks of {@code splitSize} along {@code dim} (the last may be shorter). */
    public List<NDArray> split(int splitSize, int dim) {
        return Joining.split(this, splitSize, dim);
    }

    /** Views of consecutive chunks of the given sizes along {@code dim}; the sizes must add up. */
    public List<NDArray> split(int[] sizes, int dim) {
        return Joining.split(this, sizes, dim);
    }

    // ---------------------------------------------------------------- printing

    /** Prints like PyTorch: values (summarised when large), then shape and dtype. */
    @Override
    public String toString() {
        return TensorFormatter.format(this);
    }
}
