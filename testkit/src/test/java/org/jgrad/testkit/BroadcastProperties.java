package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.suites.BroadcastSuite;

/** {@link BroadcastSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class BroadcastProperties extends BroadcastSuite {
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
