package org.jgrad.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jgrad.core.Shape;

/**
 * Runs backward: walks the graph from the outputs in reverse topological order, calls each node's rule
 * from {@link Derivatives}, sums gradients back to each input's shape (undoing broadcasting, once, here),
 * adds up gradients that fan in, and delivers them to leaves (or to the caller, for {@link Autograd#grad}).
 */
final class Engine {
    private Engine() {
    }

    /**
     * @param capture when non-null, the tensors whose gradients to return instead of accumulating into
     *                leaves' {@code grad}
     * @return the captured gradients (same order as {@code capture}), or null when not capturing
     */
    static Tensor[] backward(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph, boolean createGraph,
                             List<Tensor> capture) {
        return backward(roots, rootGrads, retainGraph, createGraph, capture, null);
    }

    /** As above, telling {@code tracer} (when non-null) what each node did ({@link BackwardTrace}). */
    static Tensor[] backward(List<Tensor> roots, List<Tensor> rootGrads, boolean retainGraph, boolean createGraph,
                             List<Tensor> capture, BackwardTrace.Tracer tracer) {
        int order = 0;
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        Map<Node, Integer> dependencies = new IdentityHashMap<>();
        Tensor[] captured = capture == null ? null : new Tensor[capture.size()];
        Map<Object, Integer> captureIndex = new IdentityHashMap<>();
        if (capture != null) {
            for (int i = 0; i < capture.size(); i++) {
                Tensor t = capture.get(i);
                if (!t.requiresGrad()) {
                    throw new IllegalArgumentException("grad: input " + i + " (shape " + t.shape() + ") does not"
                            + " require grad, so it cannot be differentiated against");
                }
                captureIndex.put(t.isLeaf() ? t : t.gradFn(), i);
            }
        }
        try (var mode = GradMode.set(createGraph)) {
            List<Node> starts = new ArrayList<>();
            for (int r = 0; r < roots.size(); r++) {
                Tensor root = roots.get(r);
                Tensor g = rootGradient(root, rootGrads == null ? null : rootGrads.get(r), r);
                if (root.isLeaf()) {
                    deliverToLeaf(root, g, captureIndex, captured);
                } else {
                    pending.merge(root.gradFn(), g, Tensor::add);
                    starts.add(root.gradFn());
                }
            }
            countDependencies(starts, dependencies);
            Deque<Node> ready = new ArrayDeque<>();
            for (Node s : starts) {
                if (dependencies.getOrDefault(s, 0) == 0 && !ready.contains(s)) {
                    ready.add(s);
                }
            }
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor g = pending.remove(node);
                for (UnaryOperator<Tensor> hook : node.hooks) {
                    g = orSame(hook.apply(g), g);
                }
                Integer ci = captureIndex.get(node);
                if (ci != null) {
                    captured[ci] = captured[ci] == null ? g : captured[ci].add(g);
                }
                Tensor[] grads = Derivatives.backward(node, g);
                if (!retainGraph) {
                    node.release();
                }
                Tensor[] sent = new Tensor[grads.length];
                for (int i = 0; i < grads.length; i++) {
                    if (!node.needsGrad[i] || grads[i] == null) {
                        continue;
                    }
                    Tensor gi = sumTo(grads[i], node.inputShapes[i]).to(node.inputDtypes[i]);
                    sent[i] = gi;
                    if (AnomalyMode.isEnabled()) {
                        checkFinite(node, i, gi);
                    }
                    if (node.next[i] != null) {
                        Node next = node.next[i];
                        pending.merge(next, gi, Tensor::add);
                        if (dependencies.merge(next, -1, Integer::sum) == 0) {
                            ready.add(next);
                        }
                    } else if (node.leaves[i] != null) {
                        deliverToLeaf(node.leaves[i], gi, captureIndex, captured);
                    }
                }
                if (tracer != null) {
                    tracer.step(traceStep(++order, node, g, sent));
                }
            }
        }
        if (capture != null) {
            for (int i = 0; i < captured.length; i++) {
                if (captured[i] == null) {
                    throw new IllegalArgumentException("grad: input " + i + " (shape " + capture.get(i).shape()
                            + ") was not used to compute the outputs, so it has no gradient");
                }
            }
        }
        return captured;
    }

    private static BackwardTrace.Step traceStep(int order, Node node, Tensor incoming, Tensor[] sent) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < sent.length; i++) {
            String target = null;
            if (sent[i] != null) {
                target = node.next[i] != null ? "into the " + node.next[i].opName() + " node"
                        : node.leaves[i] != null ? "accumulated into the grad of a leaf " + node.leaves[i].shape()
                        : "nowhere";
            }
            targets.add(target);
        }
        return new BackwardTrace.Step(order, node.opName(), List.of(node.inputShapes), node.outputShape,
                DerivativeText.of(node), incoming, java.util.Arrays.asList(sent), targets);
    }

    private static Tensor rootGradient(Tensor root, Tensor given, int r) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: output " + r + " (shape " + root.shape() + ") does not require"
                    + " grad and has no gradFn: no input that requires grad was used to compute it");
        }
        if (given == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: a gradient can be implied only for a one-element output,"
                        + " but output " + r + " has shape " + root.shape() + "; pass a gradient of that shape");
            }
            return Tensor.of(root.creation().ones(root.dtype(), root.shape().toArray()));
        }
        if (!given.shape().equals(root.shape())) {
            throw new IllegalArgumentException("backward: the gradient of output " + r + " has shape " + given.shape()
                    + " but the output has shape " + root.shape() + " (expected equal shapes)");
        }
        return given;
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, Map<Object, Integer> captureIndex, Tensor[] captured) {
        for (UnaryOperator<Tensor> hook : leaf.leafHooks()) {
            g = orSame(hook.apply(g), g);
        }
        if (captured != null) {
            Integer ci = captureIndex.get(leaf);
            if (ci != null) {
                captured[ci] = captured[ci] == null ? g : captured[ci].add(g);
            }
            return;
        }
        leaf.accumulateGrad(g);
    }

    private static Tensor orSame(Tensor replaced, Tensor g) {
        return replaced == null ? g : replaced;
    }

    /** For each node reachable from {@code starts}: how many edges from other reachable nodes point to it. */
    private static void countDependencies(List<Node> starts, Map<Node, Integer> dependencies) {
        Deque<Node> stack = new ArrayDeque<>(starts);
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        for (Node s : starts) {
            seen.put(s, true);
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Node next : n.next) {
                if (next == null) {
                    continue;
                }
                dependencies.merge(next, 1, Integer::sum);
                if (seen.put(next, true) == null) {
                    stack.push(next);
                }
            }
        }
    }

    /** Sums {@code g} down to {@code shape}: the one place where broadcasting is undone. */
    static Tensor sumTo(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int lead = g.rank() - shape.rank();
        if (lead > 0) {
            int[] axes = new int[lead];
            for (int i = 0; i < lead; i++) {
                axes[i] = i;
            }
            g = g.sum(axes, false);
        }
        List<Integer> ones = new ArrayList<>();
        for (int d = 0; d < shape.rank(); d++) {
            if (shape.dim(d) == 1 && g.size(d) != 1) {
                ones.add(d);
            }
        }
        if (!ones.isEmpty()) {
            g = g.sum(ones.stream().mapToInt(Integer::intValue).toArray(), true);
        }
        return g;
    }

    private static void checkFinite(Node node, int input, Tensor g) {
        boolean finite = g.data().isNan().logicalNot().and(g.data().abs().lt(Double.POSITIVE_INFINITY))
                .to(org.jgrad.core.DType.I64).sum().item() == g.numel();
        if (!finite) {
            String where = node.creationTrace != null ? "; the forward op was created at the cause below"
                    : "; its forward op ran before anomaly mode was on, so its creation site is unknown";
            throw new AnomalyMode.AnomalyException("backward rule " + node + " produced NaN or Inf in the gradient of"
                    + " its input " + input + " (shape " + g.shape() + ")" + where, node.creationTrace);
        }
    }
}
