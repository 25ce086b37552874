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
 * Which public API must have an op entry, found by reflection. Signatures are spelled
 * {@code name(ParamType,...)} with simple type names ({@code sum(int[],boolean)}); {@link Creation} methods
 * are prefixed {@code Creation.}.
 *
 * <p>Every public method of {@code NDArray} and {@code Creation} is an op that needs a {@link CoreOp} that
 * {@linkplain CoreOp#covers() covers} it ({@link #REQUIRED}), unless it is listed in {@link #NOT_OPS} with the
 * reason: a new public method fails the coverage test until it has an entry. Every primitive enum constant
 * must also be run by some entry ({@link #reachedPrimitives}, observed on a {@link RecordingBackend}).
 *
 * <pre>{@code
 * List<String> missing = Coverage.missingEntries(CoreOps.all());   // [] when every op has an entry
 * }</pre>
 */
public final class Coverage {
    private Coverage() {
    }

    /** Public methods that are not ops, with the reason they need no entry. */
    public static final Map<String, String> NOT_OPS = notOps();

    /** Public ops that must each be covered by an entry: every public method not in {@link #NOT_OPS}. */
    public static final Set<String> REQUIRED = required();

    private static Set<String> required() {
        Set<String> out = new TreeSet<>(publicApi());
        out.removeAll(NOT_OPS.keySet());
        return java.util.Collections.unmodifiableSet(out);
    }

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
        m.put("unary(UnaryOp)", "generic dispatch; each UnaryOp is run by some entry (reachedPrimitives)");
        m.put("binary(BinaryOp,NDArray)", "generic dispatch; each BinaryOp is run by some entry (reachedPrimitives)");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every primitive op constant: what {@link #reachedPrimitives} must find. */
    public static Set<Enum<?>> primitives() {
        Set<Enum<?>> all = new java.util.LinkedHashSet<>();
        all.addAll(List.of(UnaryOp.values()));
        all.addAll(List.of(BinaryOp.values()));
        all.addAll(List.of(ReduceOp.values()));
        return all;
    }

    /**
     * The primitive ops that the entries of {@code ops} make a backend run: each entry runs {@code samples}
     * inputs (drawn with a fixed seed) in each of its dtypes on a {@link RecordingBackend}. Draws with jqwik,
     * so it must run on a jqwik thread (an {@code @Example} or {@code @Property}).
     */
    public static Set<Enum<?>> reachedPrimitives(Collection<CoreOp> ops, int samples) {
        RecordingBackend recording = new RecordingBackend();
        java.util.Random random = new java.util.Random(8);
        for (CoreOp op : ops) {
            var generator = op.samples(SampleSizes.DEFAULT).generator(100);
            for (int i = 0; i < samples; i++) {
                SampleInput sample = generator.next(random).value();
                for (org.jgrad.core.DType dtype : op.dtypes()) {
                    try {
                        op.run(sample, recording, dtype);
                    } catch (RuntimeException e) {
                        // a sample the op rejects in this dtype; the other runs still count
                    }
                }
            }
        }
        return recording.seen();
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

    /** Names in the lists, or claimed by entries of {@code ops}, that the API does not have (stale after a rename). */
    public static Set<String> stale(Collection<CoreOp> ops) {
        Set<String> named = new TreeSet<>(NOT_OPS.keySet());
        ops.forEach(o -> named.addAll(o.covers()));
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
