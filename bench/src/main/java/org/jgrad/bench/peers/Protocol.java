package org.jgrad.bench.peers;

/**
 * How one configuration is timed, on both sides: {@code warmupSeconds} of untimed steps, then {@code samples}
 * samples, each running steps until at least {@code sampleSeconds} have passed. {@code maxSteps > 0} caps the
 * steps of the warm-up and of each sample (for smoke runs).
 *
 * <pre>{@code
 * Protocol full = Protocol.DEFAULT;                 // 1 s warm-up, 7 samples of 0.4 s
 * Protocol smoke = new Protocol(0, 1, 0, 2);        // two steps, untimed in effect
 * }</pre>
 */
public record Protocol(double warmupSeconds, int samples, double sampleSeconds, int maxSteps) {
    /** The protocol: 1 s warm-up, then 7 samples of ~0.4 s. */
    public static final Protocol DEFAULT = new Protocol(1.0, 7, 0.4, 0);

    /** What {@code --quick} uses: enough to see that everything runs and roughly where it stands. */
    public static final Protocol QUICK = new Protocol(1.0, 3, 0.2, 0);

    public Protocol {
        if (!(warmupSeconds >= 0) || !(sampleSeconds >= 0) || Double.isInfinite(warmupSeconds)
                || Double.isInfinite(sampleSeconds)) {
            throw new IllegalArgumentException("Protocol: warm-up and sample seconds must be finite and >= 0, got "
                    + warmupSeconds + " and " + sampleSeconds);
        }
        if (samples < 1) {
            throw new IllegalArgumentException("Protocol: at least one sample is needed, got " + samples);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("Protocol: maxSteps must be >= 0 (0 = no cap), got " + maxSteps);
        }
    }
}
