package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * Sample spaces of movement ops (views), casts and copies: one data operand plus the arguments of the op,
 * drawn valid for its shape (a reshape target with the same element count, a slice inside the dim, ...).
 *
 * <pre>{@code
 * SampleSpace r = MovementSamples.reshape();   // SampleInput([2, 3]{..}, shape=[3, -1])
 * }</pre>
 */
public final class MovementSamples {
    private MovementSamples() {
    }

    /** One operand and a target dtype ({@code dtype}). */
    public static SampleSpace cast() {
        return (sizes, doms) -> Combinators.combine(anyData(sizes, doms), Arbitraries.of(DType.values()))
                .as((in, t) -> in.with("dtype", t));
    }

    /** One operand and {@code shape}: a regrouping of its dims, sometimes with 1s inserted and a -1. */
    public static SampleSpace reshape() {
        return (sizes, doms) -> shaped(sizes, doms, s -> {
            List<Integer> dims = new ArrayList<>();
            for (int i = 0; i < s.rank(); i++) {
                dims.add(s.dim(i));
            }
            Arbitrary<List<Integer>> order = Arbitraries.shuffle(dims);
            Arbitrary<List<Boolean>> merge = Arbitraries.of(false, true).list().ofSize(s.rank());
            Arbitrary<Integer> ones = Arbitraries.integers().between(0, 2);
            Arbitrary<Integer> inferAt = Arbitraries.integers().between(-1, 5);
            return Combinators.combine(order, merge, ones, inferAt).as((o, m, n1, inf) -> {
                List<Integer> target = new ArrayList<>();
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0 && m.get(i)) {
                        target.set(target.size() - 1, target.get(target.size() - 1) * o.get(i));
                    } else {
                        target.add(o.get(i));
                    }
                }
                for (int i = 0; i < n1; i++) {
                    target.add(target.isEmpty() ? 0 : (i * 7) % (target.size() + 1), 1);
                }
                int[] t = target.stream().mapToInt(Integer::intValue).toArray();
                if (inf >= 0 && inf < t.length && s.numel() > 0) {
                    t[inf] = -1;
                }
                return t;
            });
        }, "shape");
    }

    /** One operand and {@code order}: a permutation of its dims, some written negative. */
    public static SampleSpace permute() {
        return (sizes, doms) -> shaped(sizes, doms, s -> {
            List<Integer> dims = new ArrayList<>();
            for (int i = 0; i < s.rank(); i++) {
                dims.add(i);
            }
            return Combinators.combine(Arbitraries.shuffle(dims), Arbitraries.of(false, true).list().ofSize(s.rank()))
                    .as((o, neg) -> {
                        int[] order = new int[o.size()];
                        for (int i = 0; i < order.length; i++) {
                            order[i] = neg.get(i) ? o.get(i) - s.rank() : o.get(i);
                        }
                        return order;
                    });
        }, "order");
    }

    /** One operand and two dims {@code d0}, {@code d1}. */
    public static SampleSpace transpose() {
        return (sizes, doms) -> shapes(sizes).flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)),
                Axes.dim(s.rank()), Axes.dim(s.rank()))
                .as((d, a, b) -> SampleInput.of(Operand.data(d)).with("d0", a).with("d1", b)));
    }

    /** One operand and {@code shape}: its size-1 dims expanded, new leading dims, -1 for kept sizes. */
    public static SampleSpace expand() {
        return (sizes, doms) -> shaped(sizes, doms, s -> {
            Arbitrary<List<Integer>> grow = Arbitraries.integers().between(0, 3).list().ofSize(s.rank());
            Arbitrary<List<Integer>> lead = Arbitraries.integers().between(0, 3).list().ofMaxSize(2);
            Arbitrary<List<Boolean>> keep = Arbitraries.of(false, true).list().ofSize(s.rank());
            return Combinators.combine(grow, lead, keep).as((g, l, k) -> {
                int[] t = new int[l.size() + s.rank()];
                for (int i = 0; i < l.size(); i++) {
                    t[i] = l.get(i);
                }
                for (int i = 0; i < s.rank(); i++) {
                    int size = s.dim(i);
                    t[l.size() + i] = k.get(i) ? -1 : size == 1 ? g.get(i) : size;
                }
                return t;
            });
        }, "shape");
    }

    /** One operand and {@code shape}, a shape it broadcasts to. */
    public static SampleSpace broadcastTo() {
        return (sizes, doms) -> Shapes.broadcastShapes(2, sizes.maxRank(), sizes.maxNumel(), sizes.maxDim())
                .flatMap(p -> Tensors.data(p.input(0), doms.get(0))
                        .map(d -> SampleInput.of(Operand.data(d)).with("shape", p.out().toArray())));
    }

    /**
     * One operand of rank >= 1 and {@code dim}, {@code start}, {@code end} (both may be negative or out of
     * range, as Python slices allow), {@code step}.
     */
    public static SampleSpace slice() {
        return (sizes, doms) -> ranked(sizes).flatMap(s -> Axes.dim(s.rank()).flatMap(dim -> {
            int n = s.dim(Axes.normalize(dim, s.rank()));
            Arbitrary<Integer> bound = Arbitraries.integers().between(-n - 2, n + 2);
            return Combinators.combine(Tensors.data(s, doms.get(0)), bound, bound, Arbitraries.integers().between(1, 3))
                    .as((d, a, b, st) -> SampleInput.of(Operand.data(d)).with("dim", dim).with("start", a)
                            .with("end", b).with("step", st));
        }));
    }

    /** One operand of rank >= 1 and a valid {@code dim}, {@code start} (maybe negative), {@code length}. */
    public static SampleSpace narrow() {
        return (sizes, doms) -> ranked(sizes).flatMap(s -> Axes.dim(s.rank()).flatMap(dim -> {
            int n = s.dim(Axes.normalize(dim, s.rank()));
            return Arbitraries.integers().between(0, n).flatMap(start -> Combinators.combine(
                    Tensors.data(s, doms.get(0)), Arbitraries.integers().between(0, n - start),
                    Arbitraries.of(false, true))
                    .as((d, len, neg) -> SampleInput.of(Operand.data(d)).with("dim", dim)
                            .with("start", neg && start < n ? start - n : start).with("length", len)));
        }));
    }

    /** One operand with a non-empty dim {@code dim} and an {@code index} in it (maybe negative). */
    public static SampleSpace select() {
        return (sizes, doms) -> Shapes.nonEmptyShapes(1, Math.max(1, sizes.maxRank()), sizes.maxNumel(), sizes.maxDim())
                .flatMap(s -> Axes.dim(s.rank()).flatMap(dim -> {
                    int n = s.dim(Axes.normalize(dim, s.rank()));
                    return Combinators.combine(Tensors.data(s, doms.get(0)), Arbitraries.integers().between(-n, n - 1))
                            .as((d, i) -> SampleInput.of(Operand.data(d)).with("dim", dim).with("index", i));
                }));
    }

    /** One operand, {@code form} "all" or "dim", and {@code dim}. */
    public static SampleSpace squeeze() {
        return (sizes, doms) -> shapes(sizes).flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)),
                Arbitraries.of("all", "dim"), Axes.dim(s.rank()))
                .as((d, form, dim) -> SampleInput.of(Operand.data(d)).with("form", form).with("dim", dim)));
    }

    /** One operand of rank below 4 and {@code dim}, a position for the new dim. */
    public static SampleSpace unsqueeze() {
        return (sizes, doms) -> Shapes.shapes(0, Math.max(0, sizes.maxRank() - 1), sizes.maxNumel(), sizes.maxDim())
                .flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)), Axes.insertionDim(s.rank()))
                        .as((d, dim) -> SampleInput.of(Operand.data(d)).with("dim", dim)));
    }

    /** One operand and {@code dims}, distinct dims in any order. */
    public static SampleSpace flip() {
        return (sizes, doms) -> shaped(sizes, doms, s -> s.rank() == 0 ? Arbitraries.just(new int[0])
                : Axes.subsets(s, false), "dims");
    }

    /** One data operand of any shape (for copy, contiguous, flatten). */
    public static Arbitrary<SampleInput> anyData(SampleSizes sizes, List<ValueDomain> doms) {
        return Tensors.data(shapes(sizes), doms.get(0)).map(d -> SampleInput.of(Operand.data(d)));
    }

    private static Arbitrary<Shape> shapes(SampleSizes sizes) {
        return sizes.shapes();
    }

    private static Arbitrary<Shape> ranked(SampleSizes sizes) {
        return sizes.shapes(1);
    }

    /** One operand of a drawn shape plus one int[] argument drawn for that shape. */
    private static Arbitrary<SampleInput> shaped(SampleSizes sizes, List<ValueDomain> doms,
            java.util.function.Function<Shape, Arbitrary<int[]>> arg, String name) {
        return shapes(sizes).flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)), arg.apply(s))
                .as((d, a) -> SampleInput.of(Operand.data(d)).with(name, a)));
    }
}
