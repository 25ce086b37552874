package org.jgrad.testkit.grad;

import net.jqwik.api.Tag;
import org.jgrad.testkit.BackendUnderTest;
import org.jgrad.testkit.suites.GradFloat32Suite;

/** {@link GradFloat32Suite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class GradFloat32Properties extends GradFloat32Suite {
    @Override
    protected boolean knownIssue(GradCase c) {
        return KnownAutogradIssues.affects(c, KnownAutogradIssues.Check.FLOAT32);
    }
}
