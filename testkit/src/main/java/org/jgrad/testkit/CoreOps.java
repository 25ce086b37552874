package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The op list of core: one {@link CoreOp} per public op of {@code NDArray} and {@code Creation}
 * ({@link Coverage} checks that none is missing). The generic properties iterate over it.
 *
 * <pre>{@code
 * for (CoreOp op : CoreOps.all()) { ... }
 * CoreOp exp = CoreOps.get("exp");
 * List<CoreOp> extended = CoreOps.with(myOwnOp);   // the core list plus your entries
 * }</pre>
 */
public final class CoreOps {
    private static final List<CoreOp> ALL = build();

    private CoreOps() {
    }

    /** Every entry, in a stable order. */
    public static List<CoreOp> all() {
        return ALL;
    }

    /** The entry named {@code name}. */
    public static CoreOp get(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no op entry named '" + name + "'"));
    }

    /** The core entries followed by {@code extra} (names must stay unique). */
    public static List<CoreOp> with(CoreOp... extra) {
        List<CoreOp> out = new ArrayList<>(ALL);
        out.addAll(List.of(extra));
        checkUnique(out);
        return List.copyOf(out);
    }

    /** The entries that do not skip {@code check}. */
    public static List<CoreOp> supporting(Check check) {
        return ALL.stream().filter(o -> !o.skips(check)).toList();
    }

    private static List<CoreOp> build() {
        List<CoreOp> all = new ArrayList<>();
        all.addAll(ElementwiseEntries.all());
        all.addAll(ComputeEntries.all());
        all.addAll(StructureEntries.all());
        all.addAll(CreationEntries.all());
        all.addAll(DestinationEntries.all(all));
        checkUnique(all);
        return List.copyOf(all);
    }

    private static void checkUnique(List<CoreOp> ops) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CoreOp o : ops) {
            if (!seen.add(o.name())) {
                throw new IllegalStateException("two op entries are named '" + o.name() + "'");
            }
        }
    }
}
