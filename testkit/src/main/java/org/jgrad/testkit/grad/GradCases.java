package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jgrad.core.Shape;
import org.jgrad.testkit.Operand;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.ViewRecipe;

/**
 * jqwik arbitraries over a list of {@link GradOp}s: an entry is drawn, then a sample of it, and for each data
 * operand a layout (dense about 3 times in 4, else a non-contiguous view: permuted, sliced with steps and
 * offsets, flipped, expanded). Layouts are drawn independently of the sample's shapes and fitted to them
 * afterwards, so a failure shrinks the shapes and the layout separately: towards the smallest shape and
 * towards dense inputs.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<GradCase> cases() {
 *     return GradCases.of(GradOps.all(), GradCases.SMALL);
 * }
 * }</pre>
 */
public final class GradCases {
    /** Rank up to 3, up to 12 elements per operand, dims up to 4: full Jacobians stay cheap. */
    public static final SampleSizes SMALL = new SampleSizes(3, 12, 4);
    /** Rank up to 3, up to 96 elements, dims up to 8: where vectorised backends run full vectors and tails. */
    public static final SampleSizes LARGER = new SampleSizes(3, 96, 8);

    /** Rank up to 2, up to 6 elements per operand, dims up to 3: for second order (a Jacobian of a Jacobian). */
    public static final SampleSizes TINY = new SampleSizes(2, 6, 3);

    /** Layouts are drawn for this many operands (more are dense). */
    private static final int MAX_OPERANDS = 6;

    /** Layouts are drawn for ranks up to this (higher ranks are dense). */
    private static final int MAX_RANK = 4;

    private GradCases() {
    }

    /** Cases over {@code ops} with dense and non-contiguous inputs. */
    public static Arbitrary<GradCase> of(List<GradOp> ops, SampleSizes sizes) {
        List<Arbitrary<GradCase>> each = new ArrayList<>();
        for (GradOp op : ops) {
            each.add(of(op, sizes));
        }
        return Arbitraries.oneOf(each);
    }

    /** Cases of one entry. */
    public static Arbitrary<GradCase> of(GradOp op, SampleSizes sizes) {
        return Combinators.combine(op.samples(sizes), layoutDraws()).as((s, draws) -> new GradCase(op, s,
                fit(op, s, draws)));
    }

    /** Cases over {@code ops} with dense inputs only. */
    public static Arbitrary<GradCase> dense(List<GradOp> ops, SampleSizes sizes) {
        List<Arbitrary<GradCase>> each = new ArrayList<>();
        for (GradOp op : ops) {
            each.add(op.samples(sizes).map(s -> GradCase.dense(op, s)));
        }
        return Arbitraries.oneOf(each);
    }

    /**
     * A shape-free layout: a permutation key and per-dim slicing, flipping and expansion for up to
     * {@value #MAX_RANK} dims, fitted to an actual rank by {@link #recipe}.
     */
    record LayoutDraw(List<Integer> orderKeys, int[] start, int[] step, int[] pad, boolean[] flip, boolean[] expand) {
    }

    private static Arbitrary<List<Optional<LayoutDraw>>> layoutDraws() {
        List<Integer> dims = new ArrayList<>();
        for (int i = 0; i < MAX_RANK; i++) {
            dims.add(i);
        }
        Arbitrary<LayoutDraw> draw = Combinators.combine(Arbitraries.shuffle(dims), ints(0, 2), ints(1, 3), ints(0, 1),
                flags(1), flags(3)).as(LayoutDraw::new);
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Optional.<LayoutDraw>empty())),
                Tuple.of(1, draw.map(Optional::of))).list().ofSize(MAX_OPERANDS);
    }

    /** The draws fitted to the sample: a recipe per data operand that drew one, null elsewhere. */
    private static List<ViewRecipe> fit(GradOp op, SampleInput s, List<Optional<LayoutDraw>> draws) {
        List<ViewRecipe> out = new ArrayList<>();
        for (int i = 0; i < s.operands().size(); i++) {
            Operand o = s.operand(i);
            Optional<LayoutDraw> d = i < draws.size() ? draws.get(i) : Optional.empty();
            Shape shape = o.data().shape();
            boolean fits = o.role() == Operand.Role.DATA && d.isPresent() && shape.rank() <= MAX_RANK;
            out.add(fits ? recipe(d.get(), shape.rank(), op.expandedViews()) : null);
        }
        return out;
    }

    /** The draw for a tensor of rank {@code r}: keys below r give the permutation, the first r entries the rest. */
    static ViewRecipe recipe(LayoutDraw d, int r, boolean expand) {
        int[] order = d.orderKeys().stream().filter(k -> k < r).mapToInt(Integer::intValue).toArray();
        boolean[] flip = new boolean[r];
        boolean[] exp = new boolean[r];
        for (int i = 0; i < r; i++) {
            flip[i] = d.flip()[i];
            exp[i] = expand && d.expand()[i];
        }
        return new ViewRecipe(order, java.util.Arrays.copyOf(d.start(), r), java.util.Arrays.copyOf(d.step(), r),
                java.util.Arrays.copyOf(d.pad(), r), flip, exp);
    }

    private static Arbitrary<int[]> ints(int min, int max) {
        return Arbitraries.integers().between(min, max).list().ofSize(MAX_RANK)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@value #MAX_RANK} flags, each set about 1 time in {@code 1 + oneIn}. */
    private static Arbitrary<boolean[]> flags(int oneIn) {
        return Arbitraries.frequency(Tuple.of(oneIn, false), Tuple.of(1, true)).list().ofSize(MAX_RANK).map(l -> {
            boolean[] b = new boolean[l.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = l.get(i);
            }
            return b;
        });
    }
}
