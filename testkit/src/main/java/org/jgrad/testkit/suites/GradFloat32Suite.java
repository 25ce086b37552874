package org.jgrad.testkit.suites;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrad.testkit.grad.Float32Tolerance;
import org.jgrad.testkit.grad.GradCase;
import org.jgrad.testkit.grad.GradCases;
import org.jgrad.testkit.grad.GradChecks;
import org.jgrad.testkit.grad.GradOps;
import org.jgrad.testkit.grad.GradProperty;

/**
 * Every autograd entry, forward and backward, in float32 on the backend under test (simd by default) agrees
 * with the float64 reference backend within the entry's {@link Float32Tolerance} (DESIGN.md, pattern 8).
 * A backend module subclasses it to run it on its backend.
 *
 * <p>Abstract: a backend module subclasses it and names its backend ({@link BackendSuite}).
 */
public abstract class GradFloat32Suite extends BackendSuite {
    /** True for a case a known, reported autograd issue affects (skipped); none by default. */
    protected boolean knownIssue(GradCase c) {
        return false;
    }

    @Property(tries = 30 * 90)
    public void float32OutputsAndGradientsMatchFloat64Reference(@ForAll("cases") GradCase c) {
        Assume.that(!knownIssue(c));
        GradChecks.float32VsReference(c, backendUnderTest()).orThrow();
    }

    /**
     * The same on larger tensors (up to 96 elements, dims up to 8), where a vectorised backend runs full
     * vectors and tails rather than only scalar remainders.
     */
    @Property(tries = 600)
    public void float32MatchesFloat64ReferenceOnLargerTensors(@ForAll("largerCases") GradCase c) {
        Assume.that(!knownIssue(c));
        GradChecks.float32VsReference(c, backendUnderTest()).orThrow();
    }

    @Provide
    public Arbitrary<GradCase> largerCases() {
        return GradCases.of(GradOps.supporting(GradProperty.FLOAT32_VS_REFERENCE), GradCases.LARGER);
    }

    @Provide
    public Arbitrary<GradCase> cases() {
        return GradCases.of(GradOps.supporting(GradProperty.FLOAT32_VS_REFERENCE), GradCases.SMALL);
    }
}
