package org.jgrad.testkit;

import net.jqwik.api.Tag;
import org.jgrad.testkit.suites.LayoutInvarianceSuite;

/** {@link LayoutInvarianceSuite} on the backend under test ({@link BackendUnderTest}: simd unless told otherwise). */
@Tag("backend")
class LayoutInvarianceProperties extends LayoutInvarianceSuite {
    @Override
    protected boolean knownIssue(OpCase c) {
        return KnownCoreIssues.affects(c);
    }
}
