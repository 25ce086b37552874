package org.jgrad.testkit.suites;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.BackendUnderTest;
import org.jgrad.testkit.OpCase;

/**
 * The base of the differential suites a backend module runs on its backend: subclass a suite, say which
 * backend to test ({@link #backendUnderTest}), and jqwik runs every property of the suite on it against the
 * float64 reference. The testkit runs them on simd; the cuda module on the GPU.
 *
 * <pre>{@code
 * class CudaBackendAgreementProperties extends BackendAgreementSuite {
 *     protected Backend backendUnderTest() { return Backends.get("cuda"); }
 * }
 * }</pre>
 */
public abstract class BackendSuite {
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    /**
     * The backend the suite checks against the reference. Default: the one named by
     * {@code -Djgrad.testkit.backend} ({@link BackendUnderTest}, simd unless told otherwise).
     */
    protected Backend backendUnderTest() {
        return BackendUnderTest.get();
    }

    /** How the test log names the backend under test (with its settings). */
    protected String describeBackend() {
        Backend b = backendUnderTest();
        return b == BackendUnderTest.get() ? BackendUnderTest.describe() : b.name();
    }

    /** True for a case a known, reported issue affects (skipped by the properties); none by default. */
    protected boolean knownIssue(OpCase c) {
        return false;
    }

    /** One line per suite in the test log saying which backend it tests. */
    @BeforeProperty
    public void announce() {
        if (ANNOUNCED.add(getClass().getName())) {
            System.out.println("[testkit] " + getClass().getSimpleName() + ": backend under test = " + describeBackend());
        }
    }
}
