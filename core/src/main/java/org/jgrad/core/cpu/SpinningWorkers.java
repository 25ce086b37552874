package org.jgrad.core.cpu;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The helper threads of {@link Parallel}: each has a one-task mailbox and, after its last task, spins for
 * {@value #SPIN_PROPERTY} microseconds (default {@value #DEFAULT_SPIN_MICROS}) before it parks. A training step
 * hands work over every few microseconds; a parked thread takes 10-100 us to wake (a futex, more in a virtual
 * machine), longer than many chunks take to run, so without the spin two threads were slower than one. This is
 * what OpenMP runtimes do too (an active wait before sleeping). {@code -Djgrad.spinMicros=0} parks at once.
 *
 * <p>A task is offered, never queued: an offer to a busy worker fails, and the caller runs the chunks itself
 * ({@link Parallel} splits work so that any thread may claim any chunk).
 *
 * <pre>{@code
 * SpinningWorkers workers = new SpinningWorkers(1, 200);
 * if (!workers.offer(0, claimChunks)) { ... the caller claims them all ... }
 * }</pre>
 */
final class SpinningWorkers {
    /** System property: how long an idle helper spins before parking, in microseconds. */
    static final String SPIN_PROPERTY = "jgrad.spinMicros";
    static final int DEFAULT_SPIN_MICROS = 50;

    private final Worker[] workers;

    SpinningWorkers(int count, long spinMicros) {
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i, spinMicros * 1000);
            workers[i].thread.start();
        }
    }

    /** The spin from {@value #SPIN_PROPERTY}, or the default. */
    static long spinMicrosFromProperty() {
        return SystemProperties.wholeNumber(SPIN_PROPERTY, DEFAULT_SPIN_MICROS, 0,
                "a spin time (expected whole microseconds >= 0)");
    }

    /** Hands {@code task} to worker {@code i} if its mailbox is empty; false when it is still busy. */
    boolean offer(int i, Runnable task) {
        Worker w = workers[i];
        if (!w.mailbox.compareAndSet(null, task)) {
            return false;
        }
        if (w.parked) {
            LockSupport.unpark(w.thread);
        }
        return true;
    }

    private static final class Worker implements Runnable {
        final AtomicReference<Runnable> mailbox = new AtomicReference<>();
        final Thread thread;
        final long spinNanos;
        /** Set before the worker parks; the offer reads it after filling the mailbox (both volatile: no lost wake-up). */
        volatile boolean parked;

        Worker(int index, long spinNanos) {
            this.spinNanos = spinNanos;
            this.thread = new Thread(this, "jgrad-cpu-" + index);
            thread.setDaemon(true);   // never keeps a finished program alive
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (true) {
                Runnable task = mailbox.get();
                if (task != null) {
                    try {
                        task.run();
                    } catch (Throwable ignored) {
                        // Parallel's tasks catch their own failures; nothing else is ever offered
                    }
                    mailbox.set(null);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < spinNanos) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (mailbox.get() == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
