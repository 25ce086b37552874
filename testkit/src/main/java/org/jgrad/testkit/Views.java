package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.Backend;

/**
 * jqwik arbitraries of non-contiguous views: permuted, sliced with steps and offsets, flipped (negative
 * strides) and expanded (stride 0), all with known values (see {@link ViewRecipe}). Shrinks towards the
 * plain contiguous tensor, so a failure report shows the smallest layout change that breaks an op.
 *
 * <pre>{@code
 * @Property
 * void expIgnoresLayout(@ForAll("views") ViewCase c) {
 *     assertArrayEquals(c.contiguousCopy().exp().toDoubleArray(), c.view().exp().toDoubleArray());
 * }
 *
 * @Provide
 * Arbitrary<ViewCase> views() {
 *     return Views.nonContiguous(Tensors.data(Shapes.shapes(3, 24), ValueDomain.uniform(-2, 2)),
 *             Backends.get("reference"), DType.F64);
 * }
 * }</pre>
 */
public final class Views {
    private Views() {
    }

    /** Recipes that turn a base tensor into a view of shape {@code target}. */
    public static Arbitrary<ViewRecipe> recipes(Shape target) {
        int r = target.rank();
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            dims.add(i);
        }
        Arbitrary<List<Integer>> order = Arbitraries.shuffle(dims);
        Arbitrary<int[]> start = ints(0, 2, r);
        Arbitrary<int[]> step = ints(1, 3, r);
        Arbitrary<int[]> pad = ints(0, 1, r);
        Arbitrary<boolean[]> flip = flags(1, r);
        Arbitrary<boolean[]> expand = flags(3, r);
        return Combinators.combine(order, start, step, pad, flip, expand).as((o, s, st, p, f, e) ->
                new ViewRecipe(o.stream().mapToInt(Integer::intValue).toArray(), s, st, p, f, e));
    }

    /** A view of {@code wanted}'s shape showing (about) its values; see {@link ViewRecipe#materialize}. */
    public static Arbitrary<ViewCase> nonContiguous(TensorData wanted, Backend backend, DType dtype) {
        return recipes(wanted.shape()).map(r -> r.materialize(wanted, backend, dtype));
    }

    /** Views of generated values. */
    public static Arbitrary<ViewCase> nonContiguous(Arbitrary<TensorData> wanted, Backend backend, DType dtype) {
        return wanted.flatMap(w -> nonContiguous(w, backend, dtype));
    }

    private static Arbitrary<int[]> ints(int min, int max, int n) {
        return Arbitraries.integers().between(min, max).list().ofSize(n)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@code n} flags, each set about 1 time in {@code 1 + oneIn}. */
    private static Arbitrary<boolean[]> flags(int oneIn, int n) {
        return Arbitraries.frequency(Tuple.of(oneIn, false), Tuple.of(1, true)).list().ofSize(n).map(l -> {
            boolean[] b = new boolean[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i);
            }
            return b;
        });
    }
}
