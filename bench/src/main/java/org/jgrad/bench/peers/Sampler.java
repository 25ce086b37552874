package org.jgrad.bench.peers;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.backend.MemoryScope;

/**
 * The timing harness of the jgrad side, step for step the same as {@code measure} in
 * {@code bench/peers/torch_workloads.py}: warm-up, then samples of at least {@code sampleSeconds}, each
 * giving the throughput over the sample (or, for latency metrics, the median step time in it).
 *
 * <p>Each step runs in its own {@link MemoryScope}, as a jgrad training loop should (its temporaries go back
 * to the backend's pool, so a warm step allocates almost nothing); {@value #SCOPED_PROPERTY}{@code =false}
 * runs bare steps instead, to measure what the scope saves.
 *
 * <p>It also records when each step ended, for the {@link WarmupFigure}, into an array allocated before the
 * first step (so the recording allocates nothing while the allocation per step is being counted); after
 * {@link #MAX_RECORDED} steps it stops recording but keeps timing.
 *
 * <pre>{@code
 * Measurement m = Sampler.measure(PeerRow.MATMUL_256.create(), PeerRow.MATMUL_256.metric(), Protocol.DEFAULT);
 * m.median();   // GFLOP/s
 * }</pre>
 */
public final class Sampler {
    /** Step end times kept for the warm-up figure (8 MB of longs). */
    static final int MAX_RECORDED = 1 << 20;
    /** System property: {@code false} runs the steps without a {@link MemoryScope}. */
    public static final String SCOPED_PROPERTY = "jgrad.bench.scoped";
    static final boolean SCOPED = !"false".equals(System.getProperty(SCOPED_PROPERTY));

    private Sampler() {
    }

    /** Runs the protocol on {@code workload} and returns what it measured. */
    public static Measurement measure(PeerWorkload workload, Metric metric, Protocol protocol) {
        long[] ends = new long[MAX_RECORDED];
        double[] durations = new double[MAX_RECORDED];
        int recorded = 0;
        long steps = 0;
        long origin = System.nanoTime();
        long warmupNanos = (long) (protocol.warmupSeconds() * 1e9);
        int cap = protocol.maxSteps();
        while (System.nanoTime() - origin < warmupNanos && (cap == 0 || steps < cap)) {
            step(workload);
            steps++;
            if (recorded < MAX_RECORDED) {
                ends[recorded++] = System.nanoTime() - origin;
            }
        }
        double[] values = new double[protocol.samples()];
        double[] throughput = new double[protocol.samples()];
        long sampleNanos = (long) (protocol.sampleSeconds() * 1e9);
        long sampleSteps = 0;
        long sampleTime = 0;
        long gcBefore = gcMillis();
        long bytesBefore = AllocationCounter.totalBytes();
        for (int s = 0; s < values.length; s++) {
            long start = System.nanoTime();
            long prev = start;
            int n = 0;
            while (true) {
                step(workload);
                long now = System.nanoTime();
                if (n < durations.length) {
                    durations[n] = now - prev;
                }
                prev = now;
                n++;
                if (recorded < MAX_RECORDED) {
                    ends[recorded++] = now - origin;
                }
                if (now - start >= sampleNanos || (cap > 0 && n >= cap)) {
                    break;
                }
            }
            steps += n;
            sampleSteps += n;
            sampleTime += prev - start;
            double seconds = (prev - start) / 1e9;
            throughput[s] = n / seconds;
            values[s] = metric.latency()
                    ? medianOf(durations, Math.min(n, durations.length)) / 1e3
                    : n * metric.workPerStep() / seconds;
        }
        long bytesAfter = AllocationCounter.totalBytes();
        long gcAfter = gcMillis();
        double bytesPerStep = bytesBefore < 0 ? Double.NaN : (bytesAfter - bytesBefore) / (double) sampleSteps;
        double gcShare = sampleTime > 0 ? (gcAfter - gcBefore) * 1e6 / sampleTime : Double.NaN;
        double warmup = WarmupFigure.seconds(ends, recorded, Stats.median(throughput));
        return new Measurement(values, Stats.median(values), steps, warmup, bytesPerStep, gcShare, check(workload));
    }

    private static void step(PeerWorkload workload) {
        if (!SCOPED) {
            workload.step();
            return;
        }
        try (MemoryScope scope = MemoryScope.open()) {
            workload.step();
        }
    }

    /** One more (untimed) step, read inside its scope: the first element of its result, so the work was real. */
    private static double check(PeerWorkload workload) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor t = workload.step();
            return t == null ? Double.NaN : t.reshape(-1).select(0, 0).item();
        }
    }

    private static double medianOf(double[] values, int n) {
        double[] part = new double[n];
        System.arraycopy(values, 0, part, 0, n);
        return Stats.median(part);
    }

    /** Milliseconds all collectors have spent so far. */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }
}
