package org.jgrad.bench.peers;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap by all threads of this JVM so far (the kernels' pool threads included),
 * from {@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes} (JDK 21+). The difference of two
 * readings over a run of steps, divided by the steps, is the allocation per step.
 *
 * <pre>{@code
 * long before = AllocationCounter.totalBytes();
 * ... steps ...
 * double perStep = (AllocationCounter.totalBytes() - before) / (double) steps;
 * }</pre>
 */
public final class AllocationCounter {
    private AllocationCounter() {
    }

    /** Whether this JVM counts allocated bytes (HotSpot does, unless switched off). */
    public static boolean available() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
    }

    /** Total bytes allocated by all platform threads so far, or -1 when {@link #available()} is false. */
    public static long totalBytes() {
        if (!available()) {
            return -1;
        }
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }
}
