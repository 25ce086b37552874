package org.jgrad.testkit.grad;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jgrad.testkit.BackendUnderTest;

/**
 * Every autograd entry, forward and backward, in float32 on the backend under test (simd by default) agrees
 * with the float64 reference backend within the entry's {@link Float32Tolerance} (DESIGN.md, pattern 8).
 * Tagged "backend", so it runs once per SIMD width (see testkit/pom.xml).
 */
@Tag("backend")
class GradFloat32Properties {

    @BeforeContainer
    static void announce() {
        System.out.println("[testkit] GradFloat32Properties: backend under test = " + BackendUnderTest.describe());
    }

    @Property(tries = 30 * 90)
    void float32OutputsAndGradientsMatchFloat64Reference(@ForAll("cases") GradCase c) {
        Assume.that(!KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.FLOAT32));
        GradChecks.float32VsReference(c, BackendUnderTest.get()).orThrow();
    }

    /**
     * The same on larger tensors (up to 96 elements, dims up to 8), where a vectorised backend runs full
     * vectors and tails rather than only scalar remainders.
     */
    @Property(tries = 600)
    void float32MatchesFloat64ReferenceOnLargerTensors(@ForAll("largerCases") GradCase c) {
        Assume.that(!KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.FLOAT32));
        GradChecks.float32VsReference(c, BackendUnderTest.get()).orThrow();
    }

    @Provide
    Arbitrary<GradCase> largerCases() {
        return GradCases.of(GradOps.supporting(GradProperty.FLOAT32_VS_REFERENCE), GradOpDbProperties.LARGER);
    }

    @Provide
    Arbitrary<GradCase> cases() {
        return GradCases.of(GradOps.supporting(GradProperty.FLOAT32_VS_REFERENCE), GradCases.SMALL);
    }
}
