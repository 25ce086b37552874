package org.jgrad.bench.peers;

/**
 * What a workload's samples measure: a throughput ({@code workPerStep} units of {@code unit} per step, per
 * second; higher is better) or, when {@code latency}, the median time of one step in microseconds (lower is
 * better).
 *
 * <pre>{@code
 * Metric gemm = Metric.throughput("GFLOP/s", 2.0 * n * n * n / 1e9);
 * Metric p50 = Metric.latencyMicros();
 * }</pre>
 */
public record Metric(String unit, double workPerStep, boolean latency) {
    public Metric {
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("Metric: unit must be named");
        }
        if (!(workPerStep > 0) || Double.isInfinite(workPerStep)) {
            throw new IllegalArgumentException("Metric: work per step must be positive and finite, got " + workPerStep);
        }
    }

    /** {@code workPerStep} units of {@code unit} per step, reported per second. */
    public static Metric throughput(String unit, double workPerStep) {
        return new Metric(unit, workPerStep, false);
    }

    /** Training steps per second. */
    public static Metric stepsPerSecond() {
        return throughput("steps/s", 1);
    }

    /** The median latency of one step in microseconds (PyTorch's side reports the same unit, "us"). */
    public static Metric latencyMicros() {
        return new Metric("us", 1, true);
    }
}
