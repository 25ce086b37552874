package org.jgrad.autograd;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * One recorded op in the graph: what ran ({@link Prim} and its parameters), where each input's gradient
 * goes, and the values its gradient rule needs. Saved values are freed after backward unless the graph
 * is retained.
 */
public final class Node {
    /** System property: {@code true} counts live nodes from start-up (see {@link #setLiveNodeTracking}). */
    public static final String TRACK_PROPERTY = "jgrad.debug.liveNodes";
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicLong LIVE = new AtomicLong();
    /** Off by default: a Cleaner registration per recorded op costs more than the rest of recording it. */
    private static volatile boolean tracking = Boolean.getBoolean(TRACK_PROPERTY);

    final Prim prim;
    final Params params;
    /** Per input, when the rule reads inputs: the tensor as it was when recorded (an alias with its gradFn then). */
    private Tensor[] inputs;
    private final int[] savedVersions;
    final Shape[] inputShapes;
    final DType[] inputDtypes;
    final boolean[] needsGrad;
    /** Edges: the node that produced input i, or null for leaves and inputs without grad. */
    final Node[] next;
    /** Leaves that receive input i's gradient, or null. */
    final Tensor[] leaves;
    private Tensor output;
    private int outputVersion;
    final Shape outputShape;
    final Throwable creationTrace;
    final List<UnaryOperator<Tensor>> hooks = new ArrayList<>(0);
    private boolean released;

    /**
     * Non-differentiable parameters of a primitive (axes, shapes, index arrays, the elementwise op, ...).
     * {@code op} is the {@link UnaryOp} of a {@link Prim#UNARY} node or the {@link BinaryOp} of a
     * {@link Prim#BINARY} one.
     */
    record Params(int[] ints, Shape shape, NDArray index, NDArray cond, boolean keepdim, double number, Enum<?> op) {
        static final Params NONE = new Params(null, null, null, null, false);

        Params(int[] ints, Shape shape, NDArray index, NDArray cond, boolean keepdim) {
            this(ints, shape, index, cond, keepdim, 0, null);
        }

        /** The elementwise op of a UNARY or BINARY node. */
        static Params op(Enum<?> op) {
            return new Params(null, null, null, null, false, 0, op);
        }

        /** Ints and one number (e.g. a normalisation's dim count and eps). */
        static Params intsAndNumber(double number, int... v) {
            return new Params(v, null, null, null, false, number, null);
        }

        static Params ints(int... v) {
            return new Params(v, null, null, null, false);
        }

        static Params axes(int[] axes, boolean keepdim) {
            return new Params(axes, null, null, null, keepdim);
        }

        static Params index(int dim, NDArray index) {
            return new Params(new int[] {dim}, null, index, null, false);
        }

        UnaryOp unaryOp() {
            return (UnaryOp) op;
        }

        BinaryOp binaryOp() {
            return (BinaryOp) op;
        }
    }

    Node(Prim prim, Params params, Tensor[] inputs, Shape outputShape) {
        this.prim = prim;
        this.params = params;
        int n = inputs.length;
        boolean saveInputs = Derivatives.needsInputs(prim, params);
        this.inputs = new Tensor[n];
        this.savedVersions = new int[n];
        this.inputShapes = new Shape[n];
        this.inputDtypes = new DType[n];
        this.needsGrad = new boolean[n];
        this.next = new Node[n];
        this.leaves = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Tensor t = inputs[i];
            this.inputs[i] = saveInputs ? t.savedAlias() : null;
            this.savedVersions[i] = t.versionCounter().get();
            this.inputShapes[i] = t.shape();
            this.inputDtypes[i] = t.dtype();
            this.needsGrad[i] = t.requiresGrad();
            if (t.requiresGrad()) {
                if (t.gradFn() != null) {
                    next[i] = t.gradFn();
                } else {
                    leaves[i] = t;
                }
            }
        }
        this.outputShape = outputShape;
        this.creationTrace = AnomalyMode.isEnabled()
                ? new Throwable("forward op " + opName() + " was created here") : null;
        if (tracking) {
            LIVE.incrementAndGet();
            CLEANER.register(this, LIVE::decrementAndGet);
        }
    }

    /**
     * Turns counting of live nodes on or off (a debug mode for leak tests and heap benchmarks; also
     * {@code -Djgrad.debug.liveNodes=true}). Only nodes created while it is on are counted.
     */
    public static void setLiveNodeTracking(boolean on) {
        tracking = on;
    }

    /**
     * How many nodes made while tracking was on are alive (not yet garbage collected).
     *
     * @throws IllegalStateException when tracking is off: the count would silently stay 0
     */
    public static long liveCount() {
        if (!tracking) {
            throw new IllegalStateException("Node.liveCount: live-node tracking is off; turn it on with"
                    + " Node.setLiveNodeTracking(true) or -D" + TRACK_PROPERTY + "=true before recording");
        }
        return LIVE.get();
    }

    /** The primitive this node recorded. */
    public Prim prim() {
        return prim;
    }

    /** The op's name: the primitive's, or for UNARY/BINARY the elementwise op's ({@code SQRT}, {@code MUL}). */
    public String opName() {
        return params.op() != null ? params.op().name() : prim.name();
    }

    /**
     * The nodes that produced this node's inputs, one per input, null for a leaf or an input without grad
     * (PyTorch's {@code grad_fn.next_functions}): for walking a graph, e.g. to see which primitives it holds.
     */
    public List<Node> nextFunctions() {
        return java.util.Collections.unmodifiableList(java.util.Arrays.asList(next));
    }

    void setOutput(Tensor out) {
        this.output = out.savedAlias();
        this.outputVersion = out.versionCounter().get();
    }

    /** Input {@code i} as saved for the gradient rule; fails if freed or modified in place since. */
    Tensor input(int i) {
        checkAlive();
        Tensor t = inputs[i];
        if (t == null) {
            throw new IllegalStateException(opName() + " did not save its inputs; say so in Derivatives.needsInputs");
        }
        checkVersion(t, savedVersions[i], "input " + i);
        return t;
    }

    /** The op's output as saved for the gradient rule. */
    Tensor output() {
        checkAlive();
        checkVersion(output, outputVersion, "output");
        return output;
    }

    private void checkAlive() {
        if (released) {
            throw new IllegalStateException("backward through " + opName() + " a second time: its saved values were"
                    + " freed after the first backward; call backward(retainGraph = true) the first time if you"
                    + " need to backward through the graph again");
        }
    }

    private void checkVersion(Tensor t, int saved, String what) {
        int now = t.versionCounter().get();
        if (now != saved) {
            throw new IllegalStateException("one of the values needed for gradient computation has been modified"
                    + " by an in-place operation: the " + what + " of " + opName() + ", a tensor of shape " + t.shape()
                    + ", is at version " + now + "; expected version " + saved
                    + " (do the in-place op on a copy, or after backward)");
        }
    }

    /** Frees the saved values (after a backward without retainGraph). */
    void release() {
        released = true;
        inputs = null;
        output = null;
    }

    @Override
    public String toString() {
        return opName() + "Backward";
    }
}
