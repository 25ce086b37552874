package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.testkit.suites.ReductionSuite;

/** {@link ReductionSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class ReductionProperties extends ReductionSuite {
    @Override
    protected boolean knownIssue(OpCase c) {
        return KnownCoreIssues.affects(c);
    }
}
