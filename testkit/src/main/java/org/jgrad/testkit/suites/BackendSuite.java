package org.jgrad.testkit.suites;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.OpCase;

/**
 * The base of the differential suites a backend module runs on its backend: subclass a suite, say which
 * backend to test, and jqwik runs every property of the suite on it against the float64 reference. The
 * testkit runs them on simd; the cuda module on the GPU.
 *
 * <pre>{@code
 * class CudaBackendAgreementProperties extends BackendAgreementSuite {
 *     protected Backend backendUnderTest() { return Backends.get("cuda"); }
 * }
 * }</pre>
 */
public abstract class BackendSuite {
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    /** The backend the suite checks against the reference. */
    protected abstract Backend backendUnderTest();

    /** How the test log names the backend under test (with its settings). */
    protected String describeBackend() {
        return backendUnderTest().name();
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
