package org.jgrad.bench.peers;


/**
 * What {@link Sampler} measured for one workload: the sample values (in the metric's unit), their median,
 * the steps run in all, the JIT warm-up figure (seconds, NaN if 90% of the steady speed was never reached),
 * the bytes allocated per step over the samples (NaN when the JVM cannot count them), the share of the
 * sample time spent in GC, and the first element of one more step's result (a check that the work was real).
 */
public record Measurement(double[] samples, double median, long steps, double warmupSeconds, double bytesPerStep,
                          double gcShare, double check) {
}
