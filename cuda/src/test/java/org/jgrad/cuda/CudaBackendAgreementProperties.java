package org.jgrad.cuda;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.suites.BackendAgreementSuite;

/** The testkit's {@link BackendAgreementSuite} on the GPU; skipped where there is none. */
@AddLifecycleHook(SkipWithoutGpu.class)
class CudaBackendAgreementProperties extends BackendAgreementSuite {
    @Override
    protected Backend backendUnderTest() {
        return Backends.get(CudaBackend.NAME);
    }
}
