package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.suites.BackendAgreementSuite;

/** {@link BackendAgreementSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class BackendAgreementProperties extends BackendAgreementSuite {
    @Override
    protected Backend backendUnderTest() {
        return BackendUnderTest.get();
    }

    @Override
    protected String describeBackend() {
        return BackendUnderTest.describe();
    }

    @Override
    protected boolean knownIssue(OpCase c) {
        return KnownCoreIssues.affects(c);
    }
}
