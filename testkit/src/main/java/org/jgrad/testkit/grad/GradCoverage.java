package org.jgrad.testkit.grad;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Random;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.Node;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;
import org.jgrad.testkit.SampleSizes;

/**
 * Which public {@code Tensor} methods need an entry in the autograd op database. Every public method of
 * {@link Tensor}, including the default methods of its op-family interfaces and its static methods, is
 * either covered by some {@link GradOp#covers()} or listed in {@link #NOT_DIFFERENTIABLE} with the reason.
 * A new public method in neither fails the coverage test. Signatures are spelled {@code name(ParamType,...)}
 * with simple type names, e.g. {@code softmax(int)}, {@code concat(int,Tensor[])}.
 *
 * <pre>{@code
 * Set<String> missing = GradCoverage.missing(GradOps.all());   // [] when every method is classified
 * }</pre>
 */
public final class GradCoverage {
    private GradCoverage() {
    }

    /** Public methods that need no entry, with the reason. */
    public static final Map<String, String> NOT_DIFFERENTIABLE = notDifferentiable();

    private static Map<String, String> notDifferentiable() {
        Map<String, String> m = new LinkedHashMap<>();
        String creation = "creates a leaf; nothing to differentiate";
        for (String s : List.of("of(NDArray)", "of(Object)", "scalar(double,DType)", "zeros(DType,int[])",
                "ones(DType,int[])", "creation()")) {
            m.put(s, creation);
        }
        String metadata = "metadata or state, no computation";
        for (String s : List.of("self()", "data()", "shape()", "dtype()", "backend()", "rank()", "size(int)",
                "numel()", "version()", "isLeaf()", "gradFn()", "grad()", "requiresGrad()")) {
            m.put(s, metadata);
        }
        String readOut = "read-out to Java values; every property reads results through it";
        for (String s : List.of("item()", "toDoubleArray()", "toFloatArray()", "toLongArray()", "toString()")) {
            m.put(s, readOut);
        }
        String engine = "engine mechanics (backward, hooks, grad bookkeeping): every gradcheck runs through them,"
                + " and autograd's own tests cover their contracts";
        for (String s : List.of("backward()", "backward(Tensor)", "backward(Tensor,boolean,boolean)",
                "backward(Tracer)", "requiresGrad(boolean)", "zeroGrad()", "retainGrad()", "registerHook(UnaryOperator)",
                "markModified()", "keep()")) {
            m.put(s, engine);
        }
        m.put("detach()", "cuts the graph: has no gradient by definition");
        String dispatch = "generic elementwise dispatch: every op it can record is reached through a named method's"
                + " entry, which recordedOps() checks for each UnaryOp and BinaryOp constant";
        m.put("unary(UnaryOp)", dispatch);
        m.put("binary(BinaryOp,Tensor)", dispatch);
        String bool = "BOOL or integer result: not differentiable (PyTorch: no grad_fn)";
        for (String s : List.of("lt(Tensor)", "gt(Tensor)", "le(Tensor)", "ge(Tensor)", "eq(Tensor)", "ne(Tensor)",
                "logicalNot()", "argmax()", "argmax(int,boolean)")) {
            m.put(s, bool);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every public method of Tensor (declared, inherited from the op interfaces, static), as signatures. */
    public static Set<String> publicApi() {
        Set<String> out = new TreeSet<>();
        for (Method m : Tensor.class.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.isSynthetic() || m.isBridge()) {
                continue;
            }
            if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Tensor.class) {
                continue;
            }
            out.add(signature(m));
        }
        return out;
    }

    /** {@code name(ParamType,...)}. */
    public static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] params = m.getParameterTypes();
        for (int i = 0; i < params.length; i++) {
            sb.append(i > 0 ? "," : "").append(params[i].getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** Public methods that no entry of {@code ops} covers and that are not listed as not differentiable. */
    public static Set<String> missing(Collection<GradOp> ops) {
        Set<String> out = new TreeSet<>(publicApi());
        ops.forEach(o -> out.removeAll(o.covers()));
        out.removeAll(NOT_DIFFERENTIABLE.keySet());
        return out;
    }

    /** Signatures named by the allow-list or by entries that Tensor does not have (stale after a rename). */
    public static Set<String> stale(Collection<GradOp> ops) {
        Set<String> named = new TreeSet<>(NOT_DIFFERENTIABLE.keySet());
        ops.forEach(o -> named.addAll(o.covers()));
        named.removeAll(publicApi());
        return named;
    }

    /**
     * The ops recorded when the entries run: for each entry, {@code samples} inputs drawn with a fixed seed are run
     * in float64 on the reference backend, and the graph under the outputs is walked ({@link Node#nextFunctions()}),
     * together with the graph of their gradient (a backward with {@code createGraph}), collecting each node's
     * {@link Node#opName()} ({@code MATMUL}, or {@code SQRT} for an elementwise node).
     * With it, a test finds which {@link org.jgrad.autograd.Prim}, {@link UnaryOp} and {@link BinaryOp} constants
     * no entry reaches, without a hand-kept list. Draws with jqwik, so it must run on a jqwik thread
     * (an {@code @Example} or {@code @Property}).
     */
    public static Set<String> recordedOps(Collection<GradOp> ops, int samples) {
        Set<String> seen = new TreeSet<>();
        Backend ref = Backends.get("reference");
        Random random = new Random(8);
        for (GradOp op : ops) {
            var generator = op.samples(SampleSizes.DEFAULT).generator(100);
            for (int i = 0; i < samples; i++) {
                GradCase c = GradCase.dense(op, generator.next(random).value());
                try {
                    List<Tensor> in = c.materialize(ref, DType.F64, true).inputs();
                    List<Tensor> outs = c.call(in, ref, DType.F64);
                    outs.forEach(y -> walk(y.gradFn(), seen));
                    // The backward pass recorded with createGraph holds the adjoint primitives (SLICE_EMBED).
                    List<Tensor> diff = outs.stream().filter(Tensor::requiresGrad).toList();
                    List<Tensor> wrt = in.stream().filter(Tensor::requiresGrad).toList();
                    if (!diff.isEmpty() && !wrt.isEmpty()) {
                        // Output gradients that require grad, as in gradgradcheck, so the rules' ops are recorded.
                        List<Tensor> seeds = diff.stream().map(y -> Tensor.of(y.creation().ones(y.dtype(),
                                y.shape().toArray())).requiresGrad(true)).toList();
                        Autograd.grad(diff, wrt, seeds, false, true).forEach(g -> walk(
                                g == null ? null : g.gradFn(), seen));
                    }
                } catch (RuntimeException e) {
                    // a sample the op rejects records nothing; the other samples and entries still count
                }
            }
        }
        return seen;
    }

    /** The names {@link #recordedOps} must find: every Prim, with UNARY and BINARY replaced by their differentiable ops. */
    public static Set<String> differentiableOps() {
        Set<String> out = new TreeSet<>();
        for (org.jgrad.autograd.Prim p : org.jgrad.autograd.Prim.values()) {
            if (p != org.jgrad.autograd.Prim.UNARY && p != org.jgrad.autograd.Prim.BINARY) {
                out.add(p.name());
            }
        }
        for (UnaryOp op : UnaryOp.values()) {
            if (op != UnaryOp.NOT) {                // BOOL -> BOOL: never recorded
                out.add(op.name());
            }
        }
        for (BinaryOp op : BinaryOp.values()) {
            if (!op.isComparison()) {               // BOOL result: never recorded
                out.add(op.name());
            }
        }
        return out;
    }

    private static void walk(Node root, Set<String> seen) {
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        Set<Node> visited = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (visited.add(node)) {
                seen.add(node.opName());
                node.nextFunctions().stream().filter(java.util.Objects::nonNull).forEach(todo::push);
            }
        }
    }

    /** Signatures both covered by an entry and listed as not differentiable (one of them is wrong). */
    public static Set<String> contradictions(Collection<GradOp> ops) {
        Set<String> covered = new HashSet<>();
        ops.forEach(o -> covered.addAll(o.covers()));
        Set<String> out = new TreeSet<>(covered);
        out.retainAll(NOT_DIFFERENTIABLE.keySet());
        return out;
    }
}
