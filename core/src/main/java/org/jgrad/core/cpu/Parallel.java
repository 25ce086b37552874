package org.jgrad.core.cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The helper threads the CPU kernels share ({@link SpinningWorkers}), and a range splitter on top of them.
 *
 * <p>The thread count is read once per JVM from the system property {@value #THREADS_PROPERTY}
 * (default: {@link Runtime#availableProcessors()}); {@code -Djgrad.threads=1} makes every kernel run on
 * the calling thread, which is the setting to use for timing a single core or for debugging.
 *
 * <p>Work is split only when it is large: handing a chunk to another thread costs microseconds (a parked
 * worker must be woken, which in a virtual machine can take a hundred), so a kernel states the smallest
 * chunk worth sending away ({@code grain}) and small inputs run inline; helpers spin briefly between tasks
 * ({@code -Djgrad.spinMicros}) so that a hand-off soon after the last one is cheap. The calling thread works
 * too: it and the helpers claim chunks from a shared counter until none are left, so a worker that wakes
 * late simply finds less to do instead of holding everyone up. Chunk boundaries depend only on
 * {@code (n, chunks)}, so a kernel that combines per-chunk partial results in chunk order gives the same
 * answer on every run, whichever thread ran which chunk.
 *
 * <pre>{@code
 * float[] x = ..., y = ...;
 * // y = 2 * x, in chunks of at least 65536 elements
 * Parallel.forRange(x.length, 1 << 16, (from, to) -> {
 *     for (int i = from; i < to; i++) y[i] = 2 * x[i];
 * });
 * }</pre>
 */
public final class Parallel {
    /** System property with the number of threads kernels may use. */
    public static final String THREADS_PROPERTY = "jgrad.threads";

    /** Chunks per thread when splitting by grain: a few, so that threads that start late catch up. */
    private static final int CHUNKS_PER_THREAD = 4;

    private static final int THREADS = readThreads();

    /** Set while a thread runs chunks of a split, so that splits nested inside run inline. */
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Helpers for the calling thread (THREADS - 1 of them), spinning briefly between tasks. */
    private static final SpinningWorkers WORKERS = THREADS > 1
            ? new SpinningWorkers(THREADS - 1, SpinningWorkers.spinMicrosFromProperty()) : null;

    /** Receives one chunk {@code [from, to)} of a range. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /** Threads kernels may use (at least 1). */
    public static int threads() {
        return THREADS;
    }

    /**
     * How many chunks {@link #forRange} cuts {@code n} items into: none smaller than {@code grain} items (so 1
     * when {@code n < 2 * grain}), and at most a few per thread.
     */
    public static int chunks(int n, int grain) {
        if (THREADS == 1 || n <= 0) {
            return 1;
        }
        long byGrain = Math.max(1, n / Math.max(1L, grain));
        return (int) Math.min((long) CHUNKS_PER_THREAD * THREADS, byGrain);
    }

    /** Start of chunk {@code c} when {@code n} items are cut into {@code chunks} near-equal chunks. */
    public static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /**
     * Runs {@code body} over {@code [0, n)} cut into {@link #chunks(int, int)} contiguous chunks and returns
     * when all are done. The first exception thrown by a chunk is rethrown here (the other chunks still run).
     * Called from inside a chunk of an outer split (or from any fork-join worker, e.g. a parallel stream), it
     * runs inline: the outer level already keeps the cores busy, and this way kernels may nest freely.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        forChunks(n, chunks(n, grain), body);
    }

    /** Like {@link #forRange} with an explicit number of chunks (at most {@link #threads()} run at once). */
    public static void forChunks(int n, int chunks, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int count = Math.min(chunks, n);
        boolean[] inside = INSIDE.get();
        if (count <= 1 || WORKERS == null || inside[0] || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable claimChunks = () -> {
            boolean[] mine = INSIDE.get();
            boolean wasInside = mine[0];
            mine[0] = true;   // splits nested inside a chunk run inline
            try {
                claim(n, count, next, done, failure, body);
            } finally {
                mine[0] = wasInside;
            }
        };
        for (int helper = Math.min(THREADS, count) - 1; helper > 0; helper--) {
            WORKERS.offer(helper - 1, claimChunks);   // a busy helper is skipped: the chunks get claimed anyway
        }
        claimChunks.run();
        // Chunks claimed by helpers may still be running: spin a little (they were cut to finish together), then wait.
        long spinUntil = System.nanoTime() + 50_000;
        while (done.getCount() > 0 && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /** Runs chunks from the shared counter until none are left, recording the first failure. */
    private static void claim(int n, int count, AtomicInteger next, CountDownLatch done,
                              AtomicReference<Throwable> failure, RangeBody body) {
        for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
            try {
                body.run(chunkStart(n, count, c), chunkStart(n, count, c + 1));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                done.countDown();
            }
        }
    }

    private static int readThreads() {
        return (int) SystemProperties.wholeNumber(THREADS_PROPERTY, Math.max(1, Runtime.getRuntime().availableProcessors()),
                1, "a thread count (expected a whole number >= 1)");
    }
}
