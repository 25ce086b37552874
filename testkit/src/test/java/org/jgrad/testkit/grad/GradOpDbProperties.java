package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrad.testkit.SampleSizes;

/**
 * The generic properties over the whole autograd op database (DESIGN.md, pattern 9): gradcheck and
 * gradgradcheck in float64 for every entry, the float64 forward against each entry's host reference, fast
 * (random projection) gradcheck on larger inputs, and bad inputs raising errors that name the op. The
 * float32 backend comparison is in {@link GradFloat32Properties} (it runs at every SIMD width).
 */
class GradOpDbProperties {
    /** About 60 cases for each of the ~90 entries (entries are drawn uniformly). */
    static final int TRIES = 60 * 90;

    /** Rank up to 3, up to 96 elements, dims up to 8: fast mode's territory. */
    static final SampleSizes LARGER = GradCases.LARGER;

    @Property(tries = TRIES)
    void gradientsMatchCentralDifferences(@ForAll("cases") GradCase c) {
        Assume.that(!c.op().skips(GradProperty.GRADCHECK)
                && !KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.GRADCHECK));
        GradChecks.gradcheck(c).orThrow();
    }

    @Property(tries = 40 * 90)
    void secondOrderGradientsMatchCentralDifferences(@ForAll("tinyCases") GradCase c) {
        Assume.that(!c.op().skips(GradProperty.GRADGRADCHECK)
                && !KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.GRADGRADCHECK));
        GradChecks.gradgradcheck(c).orThrow();
    }

    @Property(tries = 20 * 90)
    void forwardMatchesTheHostReference(@ForAll("referenced") GradCase c) {
        Assume.that(!KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.FORWARD));
        GradChecks.forwardVsReference(c).orThrow();
    }

    @Property(tries = 1000)
    void randomProjectionsMatchOnLargerInputs(@ForAll("largerCases") GradCase c) {
        Assume.that(!c.op().skips(GradProperty.GRADCHECK)
                && !KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.GRADCHECK));
        GradChecks.gradcheckFast(c).orThrow();
    }

    @Example
    void badInputsRaiseWithMessagesNamingTheOp() {
        List<String> failures = new ArrayList<>();
        for (GradOp op : GradOps.all()) {
            if (!KnownAutogradIssues.affectsErrors(op)) {
                var r = GradChecks.errors(op);
                if (!r.passed()) {
                    failures.add(r.report());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Example
    void mostEntriesHaveErrorCasesAndEveryEntryMakesSamples() {
        long withErrors = GradOps.all().stream().filter(o -> !o.errors().isEmpty()).count();
        assertTrue(withErrors >= GradOps.all().size() * 2 / 3, withErrors + " of " + GradOps.all().size());
        for (GradOp op : GradOps.all()) {
            assertTrue(GradCases.of(op, GradCases.TINY).sampleStream().limit(3).count() == 3, op.name());
        }
    }

    @Provide
    Arbitrary<GradCase> cases() {
        return GradCases.of(GradOps.supporting(GradProperty.GRADCHECK), GradCases.SMALL);
    }

    @Provide
    Arbitrary<GradCase> tinyCases() {
        return GradCases.of(GradOps.supporting(GradProperty.GRADGRADCHECK), GradCases.TINY);
    }

    @Provide
    Arbitrary<GradCase> referenced() {
        return GradCases.of(GradOps.supporting(GradProperty.FORWARD_VS_REFERENCE), GradCases.SMALL);
    }

    @Provide
    Arbitrary<GradCase> largerCases() {
        return GradCases.of(GradOps.supporting(GradProperty.GRADCHECK), LARGER);
    }
}
