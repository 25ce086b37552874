package org.jgrad.cuda;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.suites.LayoutInvarianceSuite;

/** The testkit's {@link LayoutInvarianceSuite} on the GPU; skipped where there is none. */
@AddLifecycleHook(SkipWithoutGpu.class)
class CudaLayoutInvarianceProperties extends LayoutInvarianceSuite {
    @Override
    protected Backend backendUnderTest() {
        return Backends.get(CudaBackend.NAME);
    }
}
