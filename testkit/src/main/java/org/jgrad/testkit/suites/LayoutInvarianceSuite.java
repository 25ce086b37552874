package org.jgrad.testkit.suites;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.Check;
import org.jgrad.testkit.CoreOp;
import org.jgrad.testkit.CoreOps;
import org.jgrad.testkit.LayoutInvariance;
import org.jgrad.testkit.OpCase;
import org.jgrad.testkit.OpCases;
import org.jgrad.testkit.OpKind;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.Target;
import org.jgrad.testkit.ViewRecipe;
import org.jgrad.testkit.Views;

/**
 * Every op entry gives, on non-contiguous inputs (strided, offset, flipped, expanded, permuted), exactly
 * the result it gives on dense arrays holding the same values: on the reference backend and on the backend
 * under test.
 *
 * <p>Abstract: a backend module subclasses it and names its backend ({@link BackendSuite}).
 */
public abstract class LayoutInvarianceSuite extends BackendSuite {
    /** About 20 samples per entry for the ~60 entries. */
    private static final int TRIES = 1200;
    /**
     * On the backend under test, the order-dependent ops (sum, matmul, scatterAdd) may differ from their dense
     * run within their tolerance; every other op must match bit for bit. A vectorised backend picks its kernel by
     * layout as well as shape (the SIMD matmul takes its DOT kernel for a {@code W^T} view with few rows, and
     * ROWS or PACKED for the dense copy), and each kernel adds the products in its own order. The same program
     * still gives the same bits on every run: the layout is part of the program. The reference stays exact.
     */
    private static final boolean REASSOCIATES = true;

    /** A generated case with one view recipe per operand. */
    public record LayoutCase(OpCase opCase, List<ViewRecipe> recipes) {
        @Override
        public String toString() {
            return opCase + " with " + recipes;
        }
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = TRIES)
    public void nonContiguousInputsGiveTheDenseResultOnReference(@ForAll("cases") LayoutCase c) {
        Assume.that(!knownIssue(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(Backends.get("reference"), c.opCase().dataType()), false).orThrow();
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = TRIES)
    public void nonContiguousInputsGiveTheDenseResultOnBackendUnderTest(@ForAll("cases") LayoutCase c) {
        Assume.that(!knownIssue(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(backendUnderTest(), c.opCase().dataType()), REASSOCIATES).orThrow();
    }

    /** The same on larger tensors, where a vectorised backend's strided and dense paths both run vectors. */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 150)
    public void nonContiguousLargerInputsGiveTheDenseResultOnBackendUnderTest(@ForAll("largeCases") LayoutCase c) {
        Assume.that(!knownIssue(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(backendUnderTest(), c.opCase().dataType()), REASSOCIATES).orThrow();
    }

    @Provide
    public Arbitrary<LayoutCase> cases() {
        return layoutCases(SampleSizes.DEFAULT, false);
    }

    @Provide
    public Arbitrary<LayoutCase> largeCases() {
        return layoutCases(SampleSizes.LARGE, true);
    }

    private static Arbitrary<LayoutCase> layoutCases(SampleSizes sizes, boolean computeOnly) {
        List<CoreOp> ops = CoreOps.supporting(Check.LAYOUT_INVARIANCE).stream()
                .filter(o -> o.kind() != OpKind.CREATION)
                .filter(o -> !computeOnly || (o.kind() != OpKind.MOVEMENT && o.kind() != OpKind.JOINING)).toList();
        return (computeOnly ? OpCases.float32(ops, sizes) : OpCases.allDtypes(ops, sizes)).flatMap(oc -> {
            List<Arbitrary<ViewRecipe>> each = oc.sample().operands().stream()
                    .map(o -> Views.recipes(o.data().shape())).toList();
            return each.isEmpty() ? Arbitraries.just(new LayoutCase(oc, List.of()))
                    : Combinators.combine(each).as(r -> new LayoutCase(oc, r));
        });
    }
}
