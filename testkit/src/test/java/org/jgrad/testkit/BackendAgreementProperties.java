package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.testkit.suites.BackendAgreementSuite;

/** {@link BackendAgreementSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class BackendAgreementProperties extends BackendAgreementSuite {
    @Override
    protected boolean knownIssue(OpCase c) {
        return KnownCoreIssues.affects(c);
    }
}
