package org.jgrad.cuda;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.suites.GradFloat32Suite;

/** The testkit's {@link GradFloat32Suite} on the GPU; skipped where there is none. */
@AddLifecycleHook(SkipWithoutGpu.class)
class CudaGradFloat32Properties extends GradFloat32Suite {
    @Override
    protected Backend backendUnderTest() {
        return Backends.get(CudaBackend.NAME);
    }
}
