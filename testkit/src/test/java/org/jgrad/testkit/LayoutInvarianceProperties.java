package org.jgrad.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jgrad.core.backend.Backends;

/**
 * Every op entry gives, on non-contiguous inputs (strided, offset, flipped, expanded, permuted), exactly
 * the result it gives on dense arrays holding the same values: on the reference backend and on the backend
 * under test.
 */
@Tag("backend")
class LayoutInvarianceProperties {
    /** About 20 samples per entry for the ~60 entries. */
    private static final int TRIES = 1200;

    @BeforeContainer
    static void announce() {
        System.out.println("[testkit] LayoutInvarianceProperties: backend under test = " + BackendUnderTest.describe());
    }

    /** A generated case with one view recipe per operand. */
    record LayoutCase(OpCase opCase, List<ViewRecipe> recipes) {
        @Override
        public String toString() {
            return opCase + " with " + recipes;
        }
    }

    @Property(tries = TRIES)
    void nonContiguousInputsGiveTheDenseResultOnReference(@ForAll("cases") LayoutCase c) {
        Assume.that(!KnownCoreIssues.affects(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(Backends.get("reference"), c.opCase().dataType()), false).orThrow();
    }

    @Property(tries = TRIES)
    void nonContiguousInputsGiveTheDenseResultOnBackendUnderTest(@ForAll("cases") LayoutCase c) {
        Assume.that(!KnownCoreIssues.affects(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(BackendUnderTest.get(), c.opCase().dataType()), false).orThrow();
    }

    /** The same on larger tensors, where a vectorised backend's strided and dense paths both run vectors. */
    @Property(tries = 150)
    void nonContiguousLargerInputsGiveTheDenseResultOnBackendUnderTest(@ForAll("largeCases") LayoutCase c) {
        Assume.that(!KnownCoreIssues.affects(c.opCase()));
        Statistics.label("op").collect(c.opCase().op().name());
        LayoutInvariance.check(c.opCase().op(), c.opCase().sample(), c.recipes(),
                new Target(BackendUnderTest.get(), c.opCase().dataType()), false).orThrow();
    }

    @Provide
    Arbitrary<LayoutCase> cases() {
        return layoutCases(SampleSizes.DEFAULT, false);
    }

    @Provide
    Arbitrary<LayoutCase> largeCases() {
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
