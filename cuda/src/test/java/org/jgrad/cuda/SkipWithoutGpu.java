package org.jgrad.cuda;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips a jqwik container where there is no GPU, printing the reason once (CI has no GPU). */
public final class SkipWithoutGpu implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String why = Gpu.whyNot();
        return why == null ? SkipResult.doNotSkip() : SkipResult.skip("no GPU here: " + why);
    }
}
