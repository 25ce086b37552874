package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.testkit.TensorData;

/**
 * The autograd op database: one {@link GradOp} per differentiable {@code Tensor} method, primitive or
 * composite ({@link GradCoverage} checks that none is missing). The properties in {@link GradChecks} run
 * over it; {@link #with} adds your own entries.
 *
 * <pre>{@code
 * for (GradOp op : GradOps.all()) { ... }
 * GradOp softmax = GradOps.get("softmax");
 * List<GradOp> extended = GradOps.with(mySwish);
 * }</pre>
 */
public final class GradOps {
    private static final List<GradOp> ALL = build();

    private GradOps() {
    }

    /** Every entry, in a stable order. */
    public static List<GradOp> all() {
        return ALL;
    }

    /** The entry named {@code name}. */
    public static GradOp get(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no autograd op entry named '" + name + "'"));
    }

    /** The database followed by {@code extra} (names must stay unique). */
    public static List<GradOp> with(GradOp... extra) {
        List<GradOp> out = new ArrayList<>(ALL);
        out.addAll(List.of(extra));
        checkUnique(out);
        return List.copyOf(out);
    }

    /** The entries that do not skip {@code property}. */
    public static List<GradOp> supporting(GradProperty property) {
        return ALL.stream().filter(o -> !o.skips(property)).toList();
    }

    /**
     * A float64 leaf that requires grad, of the given shape, with values 0.1, 0.2, ...: for error cases.
     */
    public static Tensor f64(int... shape) {
        Shape s = Shape.of(shape);
        double[] v = new double[s.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1 * (i + 1);
        }
        return Tensor.of(new TensorData(s, v).on(org.jgrad.core.backend.Backends.get("reference"), DType.F64))
                .requiresGrad(true);
    }

    /** A 1-D I64 tensor of the given values: indices for error cases. */
    public static Tensor i64(long... values) {
        return Tensor.of(org.jgrad.core.NDArray.on(org.jgrad.core.backend.Backends.get("reference")).of(values));
    }

    private static List<GradOp> build() {
        List<GradOp> all = new ArrayList<>();
        all.addAll(ElementwiseGradEntries.all());
        all.addAll(ComputeGradEntries.all());
        all.addAll(StructureGradEntries.all());
        all.addAll(NnGradEntries.all());
        all.addAll(ConvGradEntries.all());
        checkUnique(all);
        return List.copyOf(all);
    }

    private static void checkUnique(List<GradOp> ops) {
        Set<String> seen = new HashSet<>();
        for (GradOp o : ops) {
            if (!seen.add(o.name())) {
                throw new IllegalStateException("two autograd op entries are named '" + o.name() + "'");
            }
        }
    }
}
