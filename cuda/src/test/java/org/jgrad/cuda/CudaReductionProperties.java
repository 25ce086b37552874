package org.jgrad.cuda;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.suites.ReductionSuite;

/** The testkit's {@link ReductionSuite} on the GPU; skipped where there is none. */
@AddLifecycleHook(SkipWithoutGpu.class)
class CudaReductionProperties extends ReductionSuite {
    @Override
    protected Backend backendUnderTest() {
        return Backends.get(CudaBackend.NAME);
    }
}
