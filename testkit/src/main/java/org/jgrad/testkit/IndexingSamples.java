package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * Sample spaces of gather, scatterAdd and indexSelect: indices are drawn in range for the input's size along
 * the dim (repeats included, so scatterAdd collides), with index shapes that may be smaller than the input.
 *
 * <pre>{@code
 * // SampleInput([3, 2]{..}, index [2, 2]{2, 0, 1, 1}, dim=0)   for x.gather(dim, index)
 * SampleSpace g = IndexingSamples.gather();
 * }</pre>
 */
public final class IndexingSamples {
    private IndexingSamples() {
    }

    /** {@code x.gather(dim, index)}: operands x (domain 0), index; kwarg dim. */
    public static SampleSpace gather() {
        return (sizes, doms) -> inputAndDim(sizes, 3).flatMap(sd -> {
            Shape s = sd.shape();
            int d = Axes.normalize(sd.dim(), s.rank());
            return indexShape(s, d, 4).flatMap(is -> Combinators.combine(Tensors.data(s, doms.get(0)),
                    indices(is, sizeAlong(s, d)))
                    .as((x, idx) -> SampleInput.of(Operand.data(x), Operand.index(idx)).with("dim", sd.dim())));
        });
    }

    /** {@code self.scatterAdd(dim, index, src)}: operands self (domain 0), index, src (domain 1); kwarg dim. */
    public static SampleSpace scatterAdd() {
        return (sizes, doms) -> inputAndDim(sizes, 3).flatMap(sd -> {
            Shape s = sd.shape();
            int d = Axes.normalize(sd.dim(), s.rank());
            return indexShape(s, d, 4).flatMap(is -> srcShape(is).flatMap(ss -> Combinators.combine(
                    Tensors.data(s, doms.get(0)), indices(is, sizeAlong(s, d)), Tensors.data(ss, doms.get(1)))
                    .as((self, idx, src) -> SampleInput.of(Operand.data(self), Operand.index(idx), Operand.data(src))
                            .with("dim", sd.dim()))));
        });
    }

    /** {@code x.indexSelect(dim, index)}: operands x (domain 0) and a 1-D (sometimes 0-D) index; kwarg dim. */
    public static SampleSpace indexSelect() {
        return (sizes, doms) -> inputAndDim(sizes, 3).flatMap(sd -> {
            Shape s = sd.shape();
            int size = sizeAlong(s, Axes.normalize(sd.dim(), s.rank()));
            Arbitrary<Shape> is = size == 0 ? Arbitraries.just(Shape.of(0))
                    : Arbitraries.frequencyOf(
                            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 5).map(n -> Shape.of(n))),
                            net.jqwik.api.Tuple.of(1, Arbitraries.just(Shape.scalar())));
            return is.flatMap(ishape -> Combinators.combine(Tensors.data(s, doms.get(0)), indices(ishape, size))
                    .as((x, idx) -> SampleInput.of(Operand.data(x), Operand.index(idx)).with("dim", sd.dim())));
        });
    }

    /** A shape of rank 0 to {@code maxRank} and a dim of it. */
    record ShapeAndDim(Shape shape, int dim) {
    }

    static Arbitrary<ShapeAndDim> inputAndDim(SampleSizes sizes, int maxRank) {
        return Shapes.shapes(0, Math.min(maxRank, sizes.maxRank()), sizes.maxNumel(), sizes.maxDim())
                .flatMap(s -> Axes.dim(s.rank()).map(d -> new ShapeAndDim(s, d)));
    }

    /** Size along {@code d}; a rank-0 tensor counts as size 1 (as PyTorch does for dim 0 / -1). */
    static int sizeAlong(Shape s, int d) {
        return s.rank() == 0 ? 1 : s.dim(d);
    }

    /**
     * An index shape of the input's rank: along {@code d} 0 to {@code maxAlong} (0 when the input is empty
     * there), elsewhere at most the input's size, usually equal.
     */
    static Arbitrary<Shape> indexShape(Shape s, int d, int maxAlong) {
        if (s.rank() == 0) {
            return Arbitraries.just(Shape.scalar());
        }
        List<Arbitrary<Integer>> dims = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (i == d) {
                dims.add(s.dim(d) == 0 ? Arbitraries.just(0) : Arbitraries.integers().between(1, maxAlong));
            } else if (s.dim(i) == 0) {
                dims.add(Arbitraries.just(0));
            } else {
                dims.add(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(s.dim(i))),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, s.dim(i)))));
            }
        }
        return Combinators.combine(dims).as(l -> Shape.of(l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** A src shape at least as big as the index shape in every dim. */
    static Arbitrary<Shape> srcShape(Shape index) {
        return Arbitraries.integers().between(0, 1).list().ofSize(index.rank()).map(extra -> {
            int[] d = index.toArray();
            for (int i = 0; i < d.length; i++) {
                d[i] += extra.get(i);
            }
            return Shape.of(d);
        });
    }

    /** Index values in {@code [0, size)} for every element of {@code shape}. */
    static Arbitrary<TensorData> indices(Shape shape, int size) {
        if (shape.numel() == 0 || size == 0) {
            return Arbitraries.just(new TensorData(shape, new double[shape.numel()]));
        }
        return Tensors.data(shape, ValueDomain.integers(0, size - 1));
    }
}
