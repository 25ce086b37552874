package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * jqwik arbitraries of axis arguments: one dim, or a set of dims in any order, each written either
 * non-negative or counted from the end ({@code -1} = last), as users write them.
 *
 * <pre>{@code
 * Arbitrary<int[]> axes = Axes.subsets(Shape.of(2, 3, 4), false);   // e.g. [2, -3], [], [1]
 * Arbitrary<Integer> d = Axes.dim(3);                                 // -3 .. 2
 * }</pre>
 */
public final class Axes {
    private Axes() {
    }

    /** One dim of a tensor of rank {@code rank}, in {@code [-rank, rank)}; a rank-0 tensor accepts 0 and -1. */
    public static Arbitrary<Integer> dim(int rank) {
        int r = Math.max(rank, 1);
        return Arbitraries.integers().between(-r, r - 1);
    }

    /** One insertion position for a new dim: {@code [-rank-1, rank]}. */
    public static Arbitrary<Integer> insertionDim(int rank) {
        return Arbitraries.integers().between(-rank - 1, rank);
    }

    /** The non-negative form of {@code dim} for a tensor of rank {@code rank}. */
    public static int normalize(int dim, int rank) {
        return dim < 0 ? dim + Math.max(rank, 1) : dim;
    }

    /**
     * Distinct dims of {@code shape} in random order (possibly none); with {@code nonEmptyOnly} only dims of
     * non-zero size (for reductions without an identity, like max).
     */
    public static Arbitrary<int[]> subsets(Shape shape, boolean nonEmptyOnly) {
        int r = shape.rank();
        if (r == 0) {
            return Arbitraries.of(new int[0], new int[] {0}, new int[] {-1});
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            dims.add(i);
        }
        Arbitrary<List<Boolean>> picked = Arbitraries.of(true, false).list().ofSize(r);
        Arbitrary<List<Boolean>> negative = Arbitraries.of(false, true).list().ofSize(r);
        return Combinators.combine(Arbitraries.shuffle(dims), picked, negative).as((order, pick, neg) -> {
            List<Integer> out = new ArrayList<>();
            for (int d : order) {
                if (pick.get(d) && !(nonEmptyOnly && shape.dim(d) == 0)) {
                    out.add(neg.get(d) ? d - r : d);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        });
    }
}
