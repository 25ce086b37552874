package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jgrad.core.Shape;

/**
 * jqwik arbitraries of tensor shapes. Size-0 and size-1 dims are drawn often on purpose (they are where
 * empty-tensor and broadcasting bugs live), and the element count is bounded so properties stay fast.
 * Shapes shrink towards low rank and small sizes.
 *
 * <pre>{@code
 * @Property
 * void reshapeKeepsNumel(@ForAll("shapes") Shape s) { ... }
 *
 * @Provide
 * Arbitrary<Shape> shapes() { return Shapes.shapes(4, 64); }
 *
 * Arbitrary<BroadcastShapes> pairs = Shapes.broadcastPairs(3, 48);   // e.g. [2, 1, 3] and [4, 1] -> [2, 4, 3]
 * }</pre>
 */
public final class Shapes {
    /** The largest size of one dim that is drawn (more would only make tensors bigger, not find more bugs). */
    public static final int MAX_DIM = 5;

    private Shapes() {
    }

    /** Shapes of rank 0 to {@code maxRank}, with at most {@code maxNumel} elements. */
    public static Arbitrary<Shape> shapes(int maxRank, int maxNumel) {
        return shapes(0, maxRank, maxNumel);
    }

    /**
     * Shapes of rank {@code minRank} to {@code maxRank}. The product of the non-zero sizes is at most
     * {@code maxNumel} (so also a tensor that has a size-0 dim stays small once that dim is sliced away).
     */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxNumel) {
        return shapes(minRank, maxRank, maxNumel, MAX_DIM);
    }

    /** Shapes of rank {@code minRank} to {@code maxRank} with dims up to {@code maxDim}. */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxNumel, int maxDim) {
        return dims(true, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(list -> clamp(list, maxNumel));
    }

    /** Shapes without size-0 dims (at least one element). */
    public static Arbitrary<Shape> nonEmptyShapes(int minRank, int maxRank, int maxNumel) {
        return nonEmptyShapes(minRank, maxRank, maxNumel, MAX_DIM);
    }

    /** Shapes without size-0 dims, dims up to {@code maxDim}. */
    public static Arbitrary<Shape> nonEmptyShapes(int minRank, int maxRank, int maxNumel, int maxDim) {
        return dims(false, maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(list -> clamp(list, maxNumel));
    }

    /** One dim size: 0 (if allowed) about 1 time in 14, 1 about 3 in 14, else 2 to {@link #MAX_DIM}. */
    public static Arbitrary<Integer> dims(boolean allowZero) {
        return dims(allowZero, MAX_DIM);
    }

    /** One dim size, as {@link #dims(boolean)} but up to {@code maxDim}. */
    public static Arbitrary<Integer> dims(boolean allowZero, int maxDim) {
        if (maxDim < 2) {
            return allowZero ? Arbitraries.of(1, 0) : Arbitraries.just(1);
        }
        Arbitrary<Integer> big = Arbitraries.integers().between(2, maxDim);
        if (!allowZero) {
            return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1)), Tuple.of(10, big));
        }
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1)), Tuple.of(10, big),
                Tuple.of(1, Arbitraries.just(0)));
    }

    /** Two shapes that broadcast together, each of rank at most {@code maxRank}. */
    public static Arbitrary<BroadcastShapes> broadcastPairs(int maxRank, int maxNumel) {
        return broadcastShapes(2, maxRank, maxNumel);
    }

    /** Three shapes that broadcast together (as {@code where(cond, a, b)} needs). */
    public static Arbitrary<BroadcastShapes> broadcastTriples(int maxRank, int maxNumel) {
        return broadcastShapes(3, maxRank, maxNumel);
    }

    /**
     * {@code operands} shapes that broadcast together: a common shape is drawn, then each operand drops some
     * leading dims and turns some dims into 1. Shrinks towards equal shapes (no broadcasting).
     */
    public static Arbitrary<BroadcastShapes> broadcastShapes(int operands, int maxRank, int maxNumel) {
        return broadcastShapes(operands, maxRank, maxNumel, MAX_DIM);
    }

    /** As {@link #broadcastShapes(int, int, int)} with dims up to {@code maxDim}. */
    public static Arbitrary<BroadcastShapes> broadcastShapes(int operands, int maxRank, int maxNumel, int maxDim) {
        return shapes(0, maxRank, maxNumel, maxDim).flatMap(out -> {
            List<Arbitrary<Shape>> each = new ArrayList<>();
            for (int i = 0; i < operands; i++) {
                each.add(broadcastableTo(out));
            }
            return Combinators.combine(each).as(BroadcastShapes::of);
        });
    }

    /** Shapes that broadcast to {@code out}: a suffix of its dims, some of them replaced by 1. */
    public static Arbitrary<Shape> broadcastableTo(Shape out) {
        int rank = out.rank();
        Arbitrary<Integer> dropLeading = Arbitraries.integers().between(0, rank);
        Arbitrary<List<Boolean>> ones = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true))
                .list().ofSize(rank);
        return Combinators.combine(dropLeading, ones).as((drop, one) -> {
            int[] dims = new int[rank - drop];
            for (int i = drop; i < rank; i++) {
                dims[i - drop] = one.get(i) ? 1 : out.dim(i);
            }
            return Shape.of(dims);
        });
    }

    /** Caps sizes from the left so that the product of non-zero sizes stays at most {@code maxNumel}. */
    private static Shape clamp(List<Integer> dims, int maxNumel) {
        int[] out = new int[dims.size()];
        long product = 1;
        for (int i = 0; i < out.length; i++) {
            int d = dims.get(i);
            if (d > 0 && product * d > maxNumel) {
                d = (int) Math.max(1, maxNumel / product);
            }
            out[i] = d;
            if (d > 0) {
                product *= d;
            }
        }
        return Shape.of(out);
    }
}
