package org.jgrad.bench.peers;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * One configuration's result as a worker prints it, on one line {@code PEER-RESULT {json}}: the PyTorch
 * script and {@link PeerWorker} print the same fields; the jgrad-only ones ({@code warmupSeconds},
 * {@code bytesPerStep}, {@code gcShare}, {@code simd}, {@code backend}, {@code javaVersion}) are null on the torch side.
 *
 * <pre>{@code
 * PeerResult r = new Gson().fromJson(json, PeerResult.class);
 * r.median();   // in r.unit()
 * }</pre>
 */
public record PeerResult(String side, String workload, int threads, String unit, boolean latency, double[] samples,
                         double median, long steps, Object check, Double warmupSeconds, Double bytesPerStep,
                         Double gcShare, String simd, String backend, String javaVersion) {
    /** The prefix that marks the result line among whatever else a worker prints. */
    public static final String PREFIX = "PEER-RESULT ";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** The line a worker prints. */
    public String toLine() {
        return PREFIX + GSON.toJson(this);
    }

    /** The median as a speed (higher is better): the throughput, or for a latency 1 / latency. */
    public double speed() {
        return latency ? 1 / median : median;
    }
}
