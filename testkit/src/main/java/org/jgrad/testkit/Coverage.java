package org.jgrad.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrad.core.Creation;
import org.jgrad.core.NDArray;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * Which public API must have an op entry. Signatures are spelled {@code name(ParamType,...)} with simple
 * type names ({@code sum(int[],boolean)}); {@link Creation} methods are prefixed {@code Creation.}.
 *
 * <p>Every public method of {@code NDArray} and {@code Creation} is either an op ({@link #REQUIRED}: needs
 * a {@link CoreOp} that {@linkplain CoreOp#covers() covers} it) or listed in {@link #NOT_OPS} with the
 * reason. A new public method in neither list fails the coverage test, and so does an op without entry.
 * Every primitive enum constant must also be reached through some required method ({@link #PRIMITIVES}).
 *
 * <pre>{@code
 * List<String> missing = Coverage.missingEntries(CoreOps.all());   // [] when every op has an entry
 * Set<String> unknown = Coverage.unclassified();                    // [] when both lists are complete
 * }</pre>
 */
public final class Coverage {
    private Coverage() {
    }

    /** Public ops that must each be covered by an entry. */
    public static final List<String> REQUIRED = List.of(
            // elementwise
            "neg()", "abs()", "exp()", "log()", "sin()", "cos()", "sqrt()", "reciprocal()", "erf()", "sigmoid()", "tanh()", "softmax(int)", "logSoftmax(int)", "logicalNot()", "isNan()",
            "add(NDArray)", "sub(NDArray)", "mul(NDArray)", "div(NDArray)", "pow(NDArray)", "maximum(NDArray)",
            "minimum(NDArray)", "add(double)", "add(long)", "sub(double)", "mul(double)", "mul(long)", "div(double)",
            "pow(double)", "lt(NDArray)", "gt(NDArray)", "le(NDArray)", "ge(NDArray)", "eq(NDArray)", "ne(NDArray)",
            "lt(double)", "gt(double)", "eq(double)", "and(NDArray)", "or(NDArray)", "where(NDArray,NDArray,NDArray)",
            // writing into an existing array (in place, out=)
            "add_(NDArray)", "sub_(NDArray)", "mul_(NDArray)", "div_(NDArray)", "add_(double)", "sub_(double)",
            "mul_(double)", "div_(double)", "copy_(NDArray)", "unary(UnaryOp,NDArray)",
            "binary(BinaryOp,NDArray,NDArray)", "binary(BinaryOp,double,NDArray)",
            // conversion and copies
            "to(DType)", "copy()", "contiguous()",
            // movement
            "reshape(int[])", "viewAs(int[])", "flatten()", "permute(int[])", "transpose(int,int)", "expand(int[])",
            "broadcastTo(Shape)", "slice(int,int,int,int)", "narrow(int,int,int)", "select(int,int)", "squeeze()",
            "squeeze(int)", "unsqueeze(int)", "flip(int[])",
            // reductions, linear algebra, indexing, joining
            "sum()", "sum(int[],boolean)", "max()", "max(int[],boolean)", "argmax()", "argmax(int,boolean)",
            "argmax(int[],boolean)", "matmul(NDArray)", "gather(int,NDArray)", "scatterAdd(int,NDArray,NDArray)",
            "indexSelect(int,NDArray)", "concat(int,NDArray[])", "stack(int,NDArray[])", "split(int,int)",
            "split(int[],int)",
            // creation
            "Creation.zeros(DType,int[])", "Creation.ones(DType,int[])", "Creation.full(double,DType,int[])",
            "Creation.scalar(double,DType)", "Creation.of(Object)", "Creation.of(Object,DType,int[])",
            "Creation.arange(double,double,double,DType)", "Creation.linspace(double,double,int,DType)",
            "Creation.eye(int,int,DType)", "Creation.rand(Generator,DType,int[])",
            "Creation.uniform(Generator,double,double,DType,int[])", "Creation.randn(Generator,DType,int[])",
            "Creation.normal(Generator,double,double,DType,int[])", "Creation.bernoulli(Generator,double,DType,int[])");

    /** Public methods that are not ops, with the reason they need no entry. */
    public static final Map<String, String> NOT_OPS = notOps();

    /** For each primitive enum constant, a required method that reaches it. */
    public static final Map<Enum<?>, String> PRIMITIVES = primitives();

    private static Map<String, String> notOps() {
        Map<String, String> m = new LinkedHashMap<>();
        String metadata = "metadata, no computation";
        for (String s : List.of("storage()", "view()", "shape()", "dtype()", "backend()", "rank()", "size(int)",
                "numel()")) {
            m.put(s, metadata);
        }
        String readOut = "read-out: every property reads its results through it (via cast + toArray)";
        for (String s : List.of("item()", "get(int[])", "toArray()", "toDoubleArray()", "toFloatArray()",
                "toLongArray()", "toBooleanArray()")) {
            m.put(s, readOut);
        }
        m.put("toString()", "printing; not a tensor op");
        m.put("to(Backend)", "transfer between backends: toArray + fromArray, both exercised by every property");
        m.put("on()", "returns the Creation API of the default backend");
        m.put("on(Backend)", "returns the Creation API of a backend");
        String shortcut = "shortcut to the Creation method of the same name on the default backend"
                + " (that one has an entry)";
        for (String s : List.of("zeros(DType,int[])", "ones(DType,int[])", "full(double,DType,int[])",
                "scalar(double,DType)", "of(Object)", "arange(double,double,double,DType)",
                "linspace(double,double,int,DType)", "eye(int,int,DType)", "rand(Generator,DType,int[])",
                "randn(Generator,DType,int[])")) {
            m.put(s, shortcut);
        }
        m.put("layerNorm(int,double)", "checked through autograd's layerNorm entry, whose forward is this kernel:"
                + " GradFloat32Properties runs it on simd float32 against the float64 reference, forward and backward");
        m.put("fill_(double)", "writes a constant: the same kernel as Creation.full, which has an entry");
        m.put("zero_()", "fill_(0)");
        m.put("release()", "lifecycle, not an op: gives the storage back to the backend's pool (StoragePoolTest)");
        m.put("unary(UnaryOp)", "generic dispatch; each UnaryOp is reached by its named method (see PRIMITIVES)");
        m.put("binary(BinaryOp,NDArray)",
                "generic dispatch; each BinaryOp is reached by its named method (see PRIMITIVES)");
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<Enum<?>, String> primitives() {
        Map<Enum<?>, String> m = new LinkedHashMap<>();
        for (UnaryOp op : UnaryOp.values()) {
            m.put(op, switch (op) {
                case NEG -> "neg()";
                case ABS -> "abs()";
                case EXP -> "exp()";
                case LOG -> "log()";
                case SIN -> "sin()";
                case COS -> "cos()";
                case SQRT -> "sqrt()";
                case RECIP -> "reciprocal()";
                case ERF -> "erf()";
                case SIGMOID -> "sigmoid()";
                case TANH -> "tanh()";
                case NOT -> "logicalNot()";
            });
        }
        for (BinaryOp op : BinaryOp.values()) {
            m.put(op, switch (op) {
                case ADD -> "add(NDArray)";
                case SUB -> "sub(NDArray)";
                case MUL -> "mul(NDArray)";
                case DIV -> "div(NDArray)";
                case MAX -> "maximum(NDArray)";
                case MIN -> "minimum(NDArray)";
                case POW -> "pow(NDArray)";
                case CMPLT -> "lt(NDArray)";
                case CMPEQ -> "eq(NDArray)";
            });
        }
        for (ReduceOp op : ReduceOp.values()) {
            m.put(op, switch (op) {
                case SUM -> "sum(int[],boolean)";
                case MAX -> "max(int[],boolean)";
                case ARGMAX -> "argmax(int,boolean)";
            });
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every public method of NDArray and Creation, as signatures. */
    public static Set<String> publicApi() {
        Set<String> out = new TreeSet<>();
        out.addAll(signatures(NDArray.class, ""));
        out.addAll(signatures(Creation.class, "Creation."));
        return out;
    }

    /** Required signatures that no entry of {@code ops} covers. */
    public static List<String> missingEntries(Collection<CoreOp> ops) {
        Set<String> covered = new HashSet<>();
        ops.forEach(o -> covered.addAll(o.covers()));
        return REQUIRED.stream().filter(s -> !covered.contains(s)).toList();
    }

    /** Public methods that are neither {@link #REQUIRED} nor in {@link #NOT_OPS}. */
    public static Set<String> unclassified() {
        Set<String> out = new TreeSet<>(publicApi());
        out.removeAll(REQUIRED);
        out.removeAll(NOT_OPS.keySet());
        return out;
    }

    /** Names in the lists, or claimed by entries of {@code ops}, that the API does not have (stale after a rename). */
    public static Set<String> stale(Collection<CoreOp> ops) {
        Set<String> named = new TreeSet<>(REQUIRED);
        named.addAll(NOT_OPS.keySet());
        ops.forEach(o -> named.addAll(o.covers()));
        named.addAll(PRIMITIVES.values());
        named.removeAll(publicApi());
        return named;
    }

    private static List<String> signatures(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                continue;
            }
            StringBuilder sb = new StringBuilder(prefix).append(m.getName()).append('(');
            Class<?>[] params = m.getParameterTypes();
            for (int i = 0; i < params.length; i++) {
                sb.append(i > 0 ? "," : "").append(params[i].getSimpleName());
            }
            out.add(sb.append(')').toString());
        }
        return out;
    }
}
