package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jgrad.autograd.ops.ActivationOps;
import org.jgrad.autograd.ops.ConvOps;
import org.jgrad.autograd.ops.ElementwiseOps;
import org.jgrad.autograd.ops.LinalgOps;
import org.jgrad.autograd.ops.LossOps;
import org.jgrad.autograd.ops.MovementOps;
import org.jgrad.autograd.ops.NnOps;
import org.jgrad.autograd.ops.ReductionOps;
import org.jgrad.core.Creation;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.MemoryScope;

/**
 * A differentiable tensor: an {@link NDArray} plus what autograd needs ({@code requiresGrad}, {@code grad},
 * {@code gradFn}). This class holds the state and the primitive ops, each of which records one graph node;
 * the composite ops (sigmoid, softmax, layerNorm, crossEntropy, ...) are default methods of the op-family
 * interfaces it implements, built from the primitives, so their gradients come for free.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
 * Tensor y = x.mul(x).sum();        // y = sum(x^2)
 * y.backward();
 * x.grad();                         // tensor([2., 4., 6.], ...)
 * }</pre>
 */
public final class Tensor implements ElementwiseOps, MovementOps, ReductionOps, LinalgOps, ActivationOps, NnOps,
        ConvOps, LossOps {
    private final NDArray data;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private final VersionCounter version;
    private List<UnaryOperator<Tensor>> leafHooks;
    private boolean retainsGrad;
    /** Set on the alias a node saves: the tensor whose {@code grad} a retained non-leaf gradient goes to. */
    private final Tensor origin;
    /** For a view made by a recorded op: the tensor whose storage it shares, else null. */
    private Tensor viewBase;

    private Tensor(NDArray data, boolean requiresGrad, Node gradFn, VersionCounter version, Tensor origin) {
        this.data = data;
        this.requiresGrad = requiresGrad;
        this.gradFn = gradFn;
        this.version = version;
        this.origin = origin;
    }

    // ---------------------------------------------------------------- creation

    /** A leaf tensor over {@code data} (not copied), not requiring grad. */
    public static Tensor of(NDArray data) {
        return new Tensor(data, false, null, new VersionCounter(), null);
    }

    /** A leaf copied from a (nested) Java array, e.g. {@code double[][]}; dtype from the element type. */
    public static Tensor of(Object javaArray) {
        return of(NDArray.of(javaArray));
    }

    /** A rank-0 leaf. */
    public static Tensor scalar(double value, DType dtype) {
        return of(NDArray.scalar(value, dtype));
    }

    /** Zeros on the default backend. */
    public static Tensor zeros(DType dtype, int... shape) {
        return of(NDArray.zeros(dtype, shape));
    }

    /** Ones on the default backend. */
    public static Tensor ones(DType dtype, int... shape) {
        return of(NDArray.ones(dtype, shape));
    }

    /** A creation API on this tensor's backend, for constants that must live next to it. */
    public Creation creation() {
        return NDArray.on(data.backend());
    }

    /** A rank-0 constant next to this tensor, typed like a PyTorch Python scalar (floats keep this dtype). */
    Tensor scalarLike(double value) {
        DType d = dtype().isFloating() ? dtype() : DType.F32;
        return of(creation().scalar(value, d));
    }

    // ---------------------------------------------------------------- state

    @Override
    public Tensor self() {
        return this;
    }

    /** The values, without autograd. */
    public NDArray data() {
        return data;
    }

    /**
     * Records that this tensor's memory was changed in place by code outside autograd (a fused optimizer
     * kernel writing the storage directly), so that a graph that saved the old values refuses to use them,
     * as after any in-place op.
     */
    public void markModified() {
        version.bump();
    }

    /**
     * Keeps this tensor's memory alive when the innermost {@link MemoryScope} that owns it closes (it moves to
     * the enclosing scope, or to none); returns this.
     *
     * <pre>{@code
     * Tensor kept;
     * try (MemoryScope step = MemoryScope.open()) {
     *     kept = model.forward(x).keep();     // still readable after the scope
     * }
     * }</pre>
     */
    public Tensor keep() {
        MemoryScope.keep(data.storage());
        return this;
    }

    public Shape shape() {
        return data.shape();
    }

    public DType dtype() {
        return data.dtype();
    }

    public Backend backend() {
        return data.backend();
    }

    public int rank() {
        return data.rank();
    }

    public int size(int d) {
        return data.size(d);
    }

    public int numel() {
        return data.numel();
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as requiring (or not) a gradient; returns this. Only floating leaves can require grad. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: can only be set on leaf tensors, this one was made by "
                    + gradFn + " (use detach() to get a leaf)");
        }
        if (value && !dtype().isFloating()) {
            throw new IllegalArgumentException("requiresGrad: only floating tensors can require gradients, this one"
                    + " is " + dtype() + " of shape " + shape());
        }
        this.requiresGrad = value;
        return this;
    }

    /** The accumulated gradient, or null before any backward reached this tensor. */
    public Tensor grad() {
        return grad;
    }

    /** The node that made this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * Forgets the accumulated gradient ({@code grad = null}, as PyTorch's set_to_none). Inside a
     * {@link MemoryScope}, the old gradient's memory joins that scope and is reused once it closes, so a
     * scoped training loop does not allocate new gradients every step; copy a gradient you want to keep past
     * the next {@code zeroGrad} there. Outside scopes an old gradient stays valid, as in PyTorch.
     */
    public void zeroGrad() {
        if (grad != null) {
            MemoryScope.adopt(grad.data.storage());
        }
        grad = null;
    }

    /** A leaf sharing this tensor's values (and version counter), cut from the graph. */
    public Tensor detach() {
        return new Tensor(data, false, null, version, null);
    }

    /** The only element, as a double. */
    public double item() {
        return data.item();
    }

    public double[] toDoubleArray() {
        return data.toDoubleArray();
    }

    public float[] toFloatArray() {
        return data.toFloatArray();
    }

    public long[] toLongArray() {
        return data.toLongArray();
    }

    /** Number of in-place writes to this tensor's storage so far. */
    public int version() {
        return version.get();
    }

    VersionCounter versionCounter() {
        return version;
    }

    /**
     * The value a node saves: the leaf itself, or for a non-leaf an alias that keeps the gradFn of this
     * moment (an in-place op may later give this tensor a new one) and shares the version counter.
     */
    Tensor savedAlias() {
        if (gradFn == null) {
            return this;
        }
        return new Tensor(data, requiresGrad, gradFn, version, this);
    }

    // ---------------------------------------------------------------- hooks and backward

    /**
     * Registers a hook called with this tensor's gradient during backward; it may return a replacement
     * (or its argument unchanged). On a leaf it runs before accumulation into {@link #grad()}.
     */
    public void registerHook(UnaryOperator<Tensor> hook) {
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: cannot register a hook on a tensor that doesn't require"
                    + " grad (shape " + shape() + ")");
        }
        if (gradFn != null) {
            gradFn.hooks.add(hook);
        } else {
            if (leafHooks == null) {
                leafHooks = new ArrayList<>(1);
            }
            leafHooks.add(hook);
        }
    }

    List<UnaryOperator<Tensor>> leafHooks() {
        return leafHooks == null ? List.of() : leafHooks;
    }

    /** Makes backward store this non-leaf's gradient in {@link #grad()} too. */
    public Tensor retainGrad() {
        if (gradFn != null) {
            retainsGrad = true;
            gradFn.hooks.add(g -> {
                accumulateGrad(g);
                return g;
            });
        }
        return this;
    }

    void accumulateGrad(Tensor g) {
        Tensor target = origin != null ? origin : this;
        // The first gradient is stored as a dense copy: the incoming one may be an expanded view or the very
        // object another input (or the caller) also holds, and in-place updates of grad must not leak there.
        if (target.grad == null) {
            target.grad = g.copy();
            // A gradient outlives the MemoryScope of the step that made it (gradient accumulation, reading it later).
            MemoryScope.persist(target.grad.data.storage());
        } else if (GradMode.isEnabled()) {
            // createGraph: the sum must itself be differentiable, so it is a new recorded tensor.
            target.grad = target.grad.add(g);
        } else {
            // The stored grad is our own dense copy: add in place, as PyTorch's AccumulateGrad does.
            target.grad.data.add_(g.data);
            target.grad.version.bump();
        }
    }

    /** Backward from a scalar: fills {@code grad} of every leaf that requires it; frees the graph. */
    public void backward() {
        backward(null, false, false);
    }

    /** Backward with an explicit gradient of this tensor's shape (for non-scalar outputs). */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * Backward with full control: {@code retainGraph} keeps saved values for another backward,
     * {@code createGraph} records the backward pass itself so gradients can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Engine.backward(List.of(this), gradient == null ? null : List.of(gradient), retainGraph, createGraph, null);
    }

    /**
     * Backward from a scalar, telling {@code tracer} what each node does, in the engine's order: the op, its
     * local derivative written out, the gradient coming in and what each input gets ({@link BackwardTrace}).
     *
     * <pre>{@code
     * loss.backward(step -> System.out.print(BackwardTrace.format(step)));
     * }</pre>
     */
    public void backward(BackwardTrace.Tracer tracer) {
        Engine.backward(List.of(this), null, false, false, null, java.util.Objects.requireNonNull(tracer, "tracer"));
    }

    // ---------------------------------------------------------------- recording

    /** Wraps a primitive's result, recording a node when grad mode is on and an input requires grad. */
    static Tensor record(Prim prim, Node.Params params, NDArray out, Tensor... inputs) {
        boolean track = false;
        if (GradMode.isEnabled()) {
            for (Tensor t : inputs) {
                track |= t.requiresGrad;
            }
        }
        // A view shares its base's storage, so it shares the version counter: an in-place write through either
        // one is seen by values saved from the other.
        Tensor base = inputs.length > 0 && out.storage() == inputs[0].data.storage() ? inputs[0] : null;
        VersionCounter counter = base != null ? base.version : new VersionCounter();
        if (!track || !out.dtype().isFloating()) {
            Tensor plain = new Tensor(out, false, null, counter, null);
            plain.viewBase = base;
            return plain;
        }
        Node node = new Node(prim, params, inputs, out.shape());
        Tensor result = new Tensor(out, true, node, counter, null);
        result.viewBase = base;
        if (Derivatives.needsOutput(prim, params)) {
            node.setOutput(result);
        }
        return result;
    }

    /** A tensor with no graph for non-differentiable results (comparisons, argmax). */
    static Tensor constant(NDArray out) {
        return of(out);
    }

    // ---------------------------------------------------------------- primitives

    /**
     * Elementwise {@code op(x)} as one recorded primitive; the named methods ({@link #exp()}, {@link #sigmoid()},
     * ...) call it, and a new {@link UnaryOp} is usable through it at once. A BOOL result (NOT) is not recorded.
     *
     * <pre>{@code
     * Tensor y = x.unary(UnaryOp.ERF);   // the same as x.erf()
     * }</pre>
     */
    public Tensor unary(UnaryOp op) {
        return record(Prim.UNARY, Node.Params.op(op), data.unary(op), this);
    }

    /**
     * Elementwise {@code op(this, o)} with broadcasting as one recorded primitive; the named methods
     * ({@link #add(Tensor)}, {@link #maximum(Tensor)}, ...) call it. Comparisons give BOOL and are not recorded.
     *
     * <pre>{@code
     * Tensor z = x.binary(BinaryOp.MUL, y);   // the same as x.mul(y)
     * }</pre>
     */
    public Tensor binary(BinaryOp op, Tensor o) {
        return record(Prim.BINARY, Node.Params.op(op), data.binary(op, o.data), this, o);
    }

    public Tensor neg() {
        return unary(UnaryOp.NEG);
    }

    public Tensor exp() {
        return unary(UnaryOp.EXP);
    }

    public Tensor log() {
        return unary(UnaryOp.LOG);
    }

    public Tensor sin() {
        return unary(UnaryOp.SIN);
    }

    public Tensor cos() {
        return unary(UnaryOp.COS);
    }

    public Tensor sqrt() {
        return unary(UnaryOp.SQRT);
    }

    public Tensor reciprocal() {
        return unary(UnaryOp.RECIP);
    }

    /** The error function. */
    public Tensor erf() {
        return unary(UnaryOp.ERF);
    }

    /** {@code 1 / (1 + exp(-x))} as one primitive; {@link #sigmoidComposite()} is its definition. */
    @Override
    public Tensor sigmoid() {
        return unary(UnaryOp.SIGMOID);
    }

    /** Softmax along {@code dim} as one primitive; {@link #softmaxComposite(int)} is its definition. */
    @Override
    public Tensor softmax(int dim) {
        int d = Shape.normalizeAxis(dim, rank(), "softmax");
        return record(Prim.SOFTMAX, Node.Params.ints(d), data.softmax(d), this);
    }

    /** Log-softmax along {@code dim} as one primitive; {@link #logSoftmaxComposite(int)} is its definition. */
    @Override
    public Tensor logSoftmax(int dim) {
        int d = Shape.normalizeAxis(dim, rank(), "logSoftmax");
        return record(Prim.LOG_SOFTMAX, Node.Params.ints(d), data.logSoftmax(d), this);
    }

    /**
     * Layer normalisation with the normalisation as one primitive (then the affine part as mul and add);
     * {@link #layerNormComposite} is its definition.
     */
    @Override
    public Tensor layerNorm(int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        NnOps.checkLayerNorm("layerNorm", this, normalizedShape, weight, bias);
        int k = normalizedShape.length;
        if (k == 0) {
            return layerNormComposite(normalizedShape, weight, bias, eps);   // each element alone: all zeros
        }
        Tensor y = record(Prim.LAYER_NORM, Node.Params.intsAndNumber(eps, k),
                data.layerNorm(k, eps), this);
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    /** {@code tanh(x)} as one primitive; {@link #tanhComposite()} is its definition. */
    @Override
    public Tensor tanh() {
        return unary(UnaryOp.TANH);
    }

    /** |x|; its gradient at 0 is 0 (the subgradient PyTorch picks). */
    public Tensor abs() {
        return unary(UnaryOp.ABS);
    }

    public Tensor add(Tensor o) {
        return binary(BinaryOp.ADD, o);
    }

    public Tensor sub(Tensor o) {
        return binary(BinaryOp.SUB, o);
    }

    public Tensor mul(Tensor o) {
        return binary(BinaryOp.MUL, o);
    }

    public Tensor div(Tensor o) {
        return binary(BinaryOp.DIV, o);
    }

    /** Elementwise maximum; on ties the gradient is split evenly, as in PyTorch. */
    public Tensor maximum(Tensor o) {
        return binary(BinaryOp.MAX, o);
    }

    /** Elementwise minimum; on ties the gradient is split evenly, as in PyTorch. */
    public Tensor minimum(Tensor o) {
        return binary(BinaryOp.MIN, o);
    }

    public Tensor pow(Tensor o) {
        return binary(BinaryOp.POW, o);
    }

    /** {@code cond ? a : b}; cond (BOOL) is not differentiated. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        NDArray out = NDArray.where(cond.data, a.data, b.data);
        return record(Prim.WHERE, new Node.Params(null, null, null, cond.data, false), out, a, b);
    }

    /** Sum over {@code axes} (all when null), keeping them as size-1 dims when {@code keepdim}. */
    public Tensor sum(int[] axes, boolean keepdim) {
        int[] ax = axes == null ? allAxes() : axes;
        return record(Prim.SUM, Node.Params.axes(ax, keepdim),
                data.sum(ax, keepdim), this);
    }

    /** Maximum over {@code axes} ({@code torch.amax}); ties share the gradient evenly. */
    public Tensor amax(int[] axes, boolean keepdim) {
        int[] ax = axes == null ? allAxes() : axes;
        NDArray out;
        try {
            out = data.max(ax, keepdim);
        } catch (IllegalArgumentException e) {
            // core names its own op; the user called amax.
            throw new IllegalArgumentException(e.getMessage().replaceFirst("^max:", "amax:"), e);
        }
        return record(Prim.AMAX, Node.Params.axes(ax, keepdim), out, this);
    }

    int[] allAxes() {
        int[] ax = new int[rank()];
        Arrays.setAll(ax, i -> i);
        return ax;
    }

    /**
     * The matrix-product primitive for operands with at least 2 dims: {@code [.., M, K] x [.., K, N]} with
     * broadcast batch dims. {@link #matmul} adds PyTorch's handling of 1-D operands on top.
     */
    public Tensor matmulBatched(Tensor o) {
        return record(Prim.MATMUL, Node.Params.NONE, data.matmul(o.data), this, o);
    }

    public Tensor gather(int dim, Tensor index) {
        return record(Prim.GATHER, Node.Params.index(dim, index.data),
                data.gather(dim, index.data), this);
    }

    /** A copy with {@code src} added at {@code index} along {@code dim}; src is used only where the index is. */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        Tensor part = src;
        if (!src.shape().equals(index.shape()) && src.rank() == index.rank()) {
            for (int d = 0; d < src.rank(); d++) {
                part = part.narrow(d, 0, Math.min(index.size(d), src.size(d)));
            }
        }
        return record(Prim.SCATTER_ADD, Node.Params.index(dim, index.data),
                data.scatterAdd(dim, index.data, part.data), this, part);
    }

    public Tensor indexSelect(int dim, Tensor index) {
        return record(Prim.INDEX_SELECT, Node.Params.index(dim, index.data),
                data.indexSelect(dim, index.data), this);
    }

    public Tensor reshape(int... shape) {
        return record(Prim.RESHAPE, Node.Params.NONE, data.reshape(shape), this);
    }

    public Tensor permute(int... order) {
        return record(Prim.PERMUTE, Node.Params.ints(order), data.permute(order), this);
    }

    public Tensor expand(int... shape) {
        return record(Prim.EXPAND, Node.Params.NONE, data.expand(shape), this);
    }

    /** Python-style {@code [start:end:step]} along {@code dim} (a view). */
    public Tensor slice(int dim, int start, int end, int step) {
        NDArray out = data.slice(dim, start, end, step);
        return record(Prim.SLICE, Node.Params.ints(dim, start, end, step), out, this);
    }

    public Tensor flip(int... dims) {
        return record(Prim.FLIP, Node.Params.ints(dims), data.flip(dims), this);
    }

    /** The adjoint of {@link #slice}: this tensor placed into zeros of {@code full} shape at the slice. */
    Tensor sliceEmbed(Shape full, int dim, int start, int end, int step) {
        NDArray zeros = creation().zeros(dtype(), full.toArray());
        NDArray region = zeros.slice(dim, start, end, step);
        zeros.backend().copyInto(zeros.storage(), region.view(), data.storage(), data.view());
        return record(Prim.SLICE_EMBED, new Node.Params(new int[] {dim, start, end, step}, full, null, null, false),
                zeros, this);
    }

    public static Tensor concat(int dim, Tensor... tensors) {
        NDArray[] parts = new NDArray[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            parts[i] = tensors[i].data;
        }
        return record(Prim.CONCAT, Node.Params.ints(dim), NDArray.concat(dim, parts), tensors);
    }

    /** This tensor converted to {@code dtype} (differentiable between floating types). */
    public Tensor to(DType dtype) {
        if (dtype == dtype()) {
            return this;
        }
        return record(Prim.CAST, Node.Params.NONE, data.to(dtype), this);
    }

    /** A dense copy with its own storage ({@code torch.clone}). */
    public Tensor copy() {
        return record(Prim.COPY, Node.Params.NONE, data.copy(), this);
    }

    // ---------------------------------------------------------------- not differentiable

    public Tensor lt(Tensor o) {
        return constant(data.lt(o.data));
    }

    public Tensor gt(Tensor o) {
        return constant(data.gt(o.data));
    }

    public Tensor le(Tensor o) {
        return constant(data.le(o.data));
    }

    public Tensor ge(Tensor o) {
        return constant(data.ge(o.data));
    }

    public Tensor eq(Tensor o) {
        return constant(data.eq(o.data));
    }

    public Tensor ne(Tensor o) {
        return constant(data.ne(o.data));
    }

    public Tensor logicalNot() {
        return constant(data.logicalNot());
    }

    public Tensor argmax(int dim, boolean keepdim) {
        return constant(data.argmax(dim, keepdim));
    }

    public Tensor argmax() {
        return constant(data.argmax());
    }

    // ---------------------------------------------------------------- in place

    /** {@code this += o} in place. */
    public Tensor add_(Tensor o) {
        return inPlace("add_", self -> self.add(o), d -> d.add_(o.data), o);
    }

    /** {@code this -= o} in place. */
    public Tensor sub_(Tensor o) {
        return inPlace("sub_", self -> self.sub(o), d -> d.sub_(o.data), o);
    }

    /** {@code this *= o} in place. */
    public Tensor mul_(Tensor o) {
        return inPlace("mul_", self -> self.mul(o), d -> d.mul_(o.data), o);
    }

    /** {@code this += s} in place. */
    public Tensor add_(double s) {
        return inPlace("add_", self -> self.add(scalarLike(s)), d -> d.add_(s));
    }

    /** {@code this *= s} in place. */
    public Tensor mul_(double s) {
        return inPlace("mul_", self -> self.mul(scalarLike(s)), d -> d.mul_(s));
    }

    /** {@code this /= o} in place. */
    public Tensor div_(Tensor o) {
        return inPlace("div_", self -> self.div(o), d -> d.div_(o.data), o);
    }

    /** Sets every element to {@code value} in place. */
    public Tensor fill_(double value) {
        // where(true, value, this): the old values get a zero gradient, and NaN in them cannot leak through.
        return inPlace("fill_", self -> where(allTrue(), scalarLike(value), self), d -> d.fill_(value));
    }

    /** Sets every element to 0 in place. */
    public Tensor zero_() {
        return inPlace("zero_", self -> where(allTrue(), scalarLike(0), self), NDArray::zero_);
    }

    /** Copies {@code src} (broadcast to this shape) into this tensor in place. */
    public Tensor copy_(Tensor src) {
        return inPlace("copy_", self -> where(allTrue(), src.to(dtype()), self), d -> d.copy_(src.data), src);
    }

    private Tensor allTrue() {
        return of(creation().full(1, DType.BOOL, shape().toArray()));
    }

    /**
     * The in-place protocol. {@code compute} is the op as a recorded out-of-place computation, used when a graph
     * must be recorded; {@code direct} writes into this tensor's memory (SPI v2 destinations), used otherwise,
     * for example by optimizer updates under {@link GradMode#noGrad()}.
     */
    private Tensor inPlace(String op, UnaryOperator<Tensor> compute, UnaryOperator<NDArray> direct,
                           Tensor... operands) {
        if (requiresGrad && gradFn == null && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad (shape " + shape()
                    + ") cannot be modified in place while gradients are recorded; do it inside GradMode.noGrad()"
                    + " or on a detached copy");
        }
        if (GradMode.isEnabled() && viewBase != null && viewBase.requiresGrad) {
            // PyTorch would rebase the base's history onto this write; jgrad does not yet, and carrying on would
            // give the base silently wrong gradients.
            throw new IllegalStateException(op + ": this tensor of shape " + shape() + " is a view of a tensor of shape "
                    + viewBase.shape() + " that requires grad; in-place ops on such views are not supported while"
                    + " gradients are recorded: apply it to a copy(), or inside GradMode.noGrad()");
        }
        int[] strides = data.view().strides();
        for (int d = 0; d < rank(); d++) {
            if (strides[d] == 0 && size(d) > 1) {
                throw new IllegalStateException(op + ": this tensor of shape " + shape() + " is an expanded view"
                        + " (several elements share one memory location); call contiguous() or copy() first");
            }
        }
        // When a graph will be recorded, the op reads a copy of this tensor: the node may save it, and this
        // storage is about to be overwritten (PyTorch likewise keeps the original self for mul_ and div_).
        boolean recorded = GradMode.isEnabled() && (requiresGrad
                || java.util.Arrays.stream(operands).anyMatch(Tensor::requiresGrad));
        if (!recorded) {
            direct.apply(data);
            version.bump();
            return this;
        }
        Tensor result = compute.apply(recorded ? copy() : this);
        if (!result.shape().equals(shape())) {
            throw new IllegalArgumentException(op + ": the result has shape " + result.shape() + " but an in-place"
                    + " op must keep this tensor's shape " + shape());
        }
        NDArray value = result.data.to(dtype());
        data.backend().copyInto(data.storage(), data.view(), value.storage(), value.view());
        version.bump();
        if (result.requiresGrad) {
            requiresGrad = true;
            gradFn = result.gradFn;
        }
        return this;
    }

    // ---------------------------------------------------------------- printing

    @Override
    public String toString() {
        String s = data.toString();
        String suffix = gradFn != null ? ", gradFn=" + gradFn : requiresGrad ? ", requiresGrad=true" : "";
        return suffix.isEmpty() ? s : s.substring(0, s.length() - 1) + suffix + ")";
    }
}
