package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.testkit.suites.BroadcastSuite;

/** {@link BroadcastSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class BroadcastProperties extends BroadcastSuite {
    @Override
    protected boolean knownIssue(OpCase c) {
        return KnownCoreIssues.affects(c);
    }
}
