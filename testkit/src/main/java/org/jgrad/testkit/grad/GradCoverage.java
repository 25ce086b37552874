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
import org.jgrad.autograd.Tensor;

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
                "requiresGrad(boolean)", "zeroGrad()", "retainGrad()", "registerHook(UnaryOperator)", "markModified()",
                "keep()")) {
            m.put(s, engine);
        }
        m.put("detach()", "cuts the graph: has no gradient by definition");
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

    /** Signatures both covered by an entry and listed as not differentiable (one of them is wrong). */
    public static Set<String> contradictions(Collection<GradOp> ops) {
        Set<String> covered = new HashSet<>();
        ops.forEach(o -> covered.addAll(o.covers()));
        Set<String> out = new TreeSet<>(covered);
        out.retainAll(NOT_DIFFERENTIABLE.keySet());
        return out;
    }
}
