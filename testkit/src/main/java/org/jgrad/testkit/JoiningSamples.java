package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * Sample spaces of concat, stack and split.
 *
 * <pre>{@code
 * // concat: SampleInput([2, 1]{..}, [2, 3]{..}, dim=-1)    stack: equal shapes and a new dim
 * SampleSpace c = JoiningSamples.concat();
 * }</pre>
 */
public final class JoiningSamples {
    private JoiningSamples() {
    }

    /** One to three data operands that differ only along {@code dim}. */
    public static SampleSpace concat() {
        return (sizes, doms) -> Shapes.shapes(1, Math.min(3, Math.max(1, sizes.maxRank())),
                        Math.max(1, sizes.maxNumel() / 2), sizes.maxDim())
                .flatMap(s -> Axes.dim(s.rank()).flatMap(dim -> {
                    int d = Axes.normalize(dim, s.rank());
                    return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(3).flatMap(along -> {
                        List<Arbitrary<Operand>> parts = new ArrayList<>();
                        for (int n : along) {
                            int[] dims = s.toArray();
                            dims[d] = n;
                            parts.add(Tensors.data(Shape.of(dims), doms.get(0)).map(Operand::data));
                        }
                        return Combinators.combine(parts).as(ops -> SampleInput.of(ops).with("dim", dim));
                    });
                }));
    }

    /** One to three data operands of one shape and {@code dim}, where the new dim goes. */
    public static SampleSpace stack() {
        return (sizes, doms) -> Shapes.shapes(0, Math.max(0, Math.min(3, sizes.maxRank() - 1)),
                        Math.max(1, sizes.maxNumel() / 2), sizes.maxDim())
                .flatMap(s -> Combinators.combine(Arbitraries.integers().between(1, 3), Axes.insertionDim(s.rank()))
                        .flatAs((count, dim) -> Tensors.data(s, doms.get(0)).map(Operand::data).list().ofSize(count)
                                .map(ops -> SampleInput.of(ops).with("dim", dim))));
    }

    /** One data operand, {@code dim}, and either {@code size} (form "size") or {@code sizes} (form "sizes"). */
    public static SampleSpace split() {
        return (sizes, doms) -> sizes.shapes(1)
                .flatMap(s -> Axes.dim(s.rank()).flatMap(dim -> {
                    int n = s.dim(Axes.normalize(dim, s.rank()));
                    Arbitrary<SampleInput> data = Tensors.data(s, doms.get(0))
                            .map(d -> SampleInput.of(Operand.data(d)).with("dim", dim));
                    Arbitrary<SampleInput> bySize = Combinators.combine(data, Arbitraries.integers().between(1, n + 1))
                            .as((in, k) -> in.with("form", "size").with("size", k));
                    Arbitrary<SampleInput> bySizes = Combinators.combine(data, composition(n))
                            .as((in, parts) -> in.with("form", "sizes").with("sizes", parts));
                    return Arbitraries.oneOf(bySize, bySizes);
                }));
    }

    /** Non-negative parts adding up to {@code n} (zeros allowed). */
    static Arbitrary<int[]> composition(int n) {
        return Arbitraries.integers().between(0, n).list().ofMinSize(0).ofMaxSize(3).map(cuts -> {
            List<Integer> sorted = new ArrayList<>(cuts);
            sorted.sort(null);
            int[] parts = new int[sorted.size() + 1];
            int prev = 0;
            for (int i = 0; i < sorted.size(); i++) {
                parts[i] = sorted.get(i) - prev;
                prev = sorted.get(i);
            }
            parts[sorted.size()] = n - prev;
            return parts;
        });
    }
}
