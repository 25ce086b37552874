package org.jgrad.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * Sample spaces of reductions: a tensor, a call form ({@code all}: {@code x.sum()}; {@code axes}:
 * {@code x.sum(int[], keepdim)}; {@code dim}: {@code x.argmax(int, keepdim)}), a random axis set in any order
 * and sign, and keepdim.
 *
 * <pre>{@code
 * SampleSpace s = ReductionSamples.reduction(false, "all", "axes");
 * // SampleInput([2, 0, 3]{}, form=axes, axes=[-1, 0], keepdim=true)
 * }</pre>
 */
public final class ReductionSamples {
    private ReductionSamples() {
    }

    /**
     * @param needsElements true for reductions without an identity (max, argmax): reduced dims are never
     *                      size 0 and the {@code all} form only gets non-empty tensors
     * @param forms         the call forms to draw from
     */
    public static SampleSpace reduction(boolean needsElements, String... forms) {
        return (sizes, doms) -> sizes.shapes()
                .flatMap(s -> forShape(s, doms.get(0), needsElements, forms));
    }

    private static Arbitrary<SampleInput> forShape(Shape s, ValueDomain domain, boolean needsElements,
            String[] forms) {
        List<String> allowed = List.of(forms).stream()
                .filter(f -> !(needsElements && s.numel() == 0 && !f.equals("axes")))
                .filter(f -> !(f.equals("dim") && needsElements && s.rank() > 0 && !hasNonEmptyDim(s)))
                .toList();
        if (allowed.isEmpty()) {
            allowed = List.of("axes");
        }
        List<Integer> dims = new java.util.ArrayList<>();
        int r = Math.max(s.rank(), 1);
        for (int d = -r; d < r; d++) {
            if (!needsElements || s.rank() == 0 || s.dim(Axes.normalize(d, s.rank())) > 0) {
                dims.add(d);
            }
        }
        Arbitrary<Integer> dim = dims.isEmpty() ? Arbitraries.just(0) : Arbitraries.of(dims);
        return Combinators.combine(Tensors.data(s, domain), Arbitraries.of(allowed), Axes.subsets(s, needsElements),
                        Arbitraries.of(false, true), dim)
                .as((d, form, axes, keep, oneDim) -> {
                    SampleInput in = SampleInput.of(Operand.data(d)).with("form", form);
                    return switch (form) {
                        case "all" -> in;
                        case "dim" -> in.with("dim", oneDim).with("keepdim", keep);
                        default -> in.with("axes", axes).with("keepdim", keep);
                    };
                });
    }

    private static boolean hasNonEmptyDim(Shape s) {
        for (int i = 0; i < s.rank(); i++) {
            if (s.dim(i) > 0) {
                return true;
            }
        }
        return false;
    }
}
