package org.jgrad.bench.peers;

import org.jgrad.core.backend.Backends;
import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.cpu.simd.SimdWidth;

/**
 * The jgrad side of one configuration, in its own JVM: builds one workload, times it by the {@link Protocol}
 * and prints one {@link PeerResult} line. {@link PeersCommand} starts it with {@code -Djgrad.threads=N}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp bench/target/benchmarks.jar \
 *     org.jgrad.bench.peers.PeerWorker mlp784-b10 1.0 7 0.4 [maxSteps]
 * </pre>
 */
public final class PeerWorker {
    private PeerWorker() {
    }

    /** Arguments: workload id, warm-up seconds, samples, seconds per sample, and optionally a step cap. */
    public static void main(String[] args) {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: PeerWorker WORKLOAD WARMUP_S SAMPLES SAMPLE_S [MAX_STEPS]; workloads: "
                    + PeerRow.ids());
            System.exit(2);
        }
        PeerRow row = PeerRow.byId(args[0]);
        Protocol protocol = new Protocol(Double.parseDouble(args[1]), Integer.parseInt(args[2]),
                Double.parseDouble(args[3]), args.length == 5 ? Integer.parseInt(args[4]) : 0);
        System.out.println(run(row, protocol).toLine());
    }

    /** Builds and times {@code row} in this JVM. */
    public static PeerResult run(PeerRow row, Protocol protocol) {
        PeerWorkload workload = row.create();
        Measurement m = Sampler.measure(workload, row.metric(), protocol);
        double check = m.check();
        return new PeerResult("jgrad", row.id(), Parallel.threads(), row.metric().unit(), row.metric().latency(),
                m.samples(), m.median(), m.steps(), Double.isFinite(check) ? check : String.valueOf(check),
                finiteOrNull(m.warmupSeconds()), finiteOrNull(m.bytesPerStep()), finiteOrNull(m.gcShare()),
                SimdWidth.describe(),
                Backends.defaultBackend().name(), Runtime.version().toString());
    }

    /** JSON has no NaN: a figure that could not be measured travels as null. */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
