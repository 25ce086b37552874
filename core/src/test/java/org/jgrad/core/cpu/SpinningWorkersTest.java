package org.jgrad.core.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The helpers' hand-off: offers to a busy helper fail (the caller then does the work), parked helpers wake. */
class SpinningWorkersTest {

    @Test
    void anOfferToABusyWorkerFailsAndTheFirstTaskRunsOnce() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(1, 50);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        assertTrue(workers.offer(0, () -> {
            runs.incrementAndGet();
            started.countDown();
            awaitQuietly(release);
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS), "the worker never ran its task");
        assertFalse(workers.offer(0, runs::incrementAndGet), "a busy worker accepted a second task");
        release.countDown();
        assertEquals(1, runs.get());
    }

    @Test
    void aParkedWorkerWakesForEachOffer() throws InterruptedException {
        SpinningWorkers workers = new SpinningWorkers(1, 0);   // parks as soon as it is idle
        for (int i = 0; i < 50; i++) {
            CountDownLatch ran = new CountDownLatch(1);
            while (!workers.offer(0, ran::countDown)) {
                Thread.onSpinWait();   // still clearing its mailbox after the previous task
            }
            assertTrue(ran.await(10, TimeUnit.SECONDS), "offer " + i + " was never run: a lost wake-up");
        }
    }

    @Test
    void aNegativeSpinIsRejectedWithThePropertyName() {
        String old = System.getProperty(SpinningWorkers.SPIN_PROPERTY);
        try {
            System.setProperty(SpinningWorkers.SPIN_PROPERTY, "-3");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    SpinningWorkers::spinMicrosFromProperty);
            assertTrue(e.getMessage().contains("jgrad.spinMicros=-3"), e.getMessage());
            System.setProperty(SpinningWorkers.SPIN_PROPERTY, "20");
            assertEquals(20, SpinningWorkers.spinMicrosFromProperty());
        } finally {
            if (old == null) {
                System.clearProperty(SpinningWorkers.SPIN_PROPERTY);
            } else {
                System.setProperty(SpinningWorkers.SPIN_PROPERTY, old);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
