package org.jgrad.bench.peers;

/**
 * The JIT warm-up figure: how long after its first step a workload first runs at 90% of its steady speed.
 *
 * <p>The run's steps are cut, in order, into windows of at least {@link #WINDOW_NANOS} (or one step, if a step
 * is longer); the figure is the start of the first window that reaches {@link #FRACTION} of the steady
 * speed while the window after it does too. Two windows in a row, because a single short window can reach
 * the bar by chance (a lucky step between two compilations) before C2 has compiled the hot code.
 *
 * <pre>{@code
 * // ends[i]: nanoseconds from the first step's start to the end of step i
 * double s = WarmupFigure.seconds(ends, count, steadyStepsPerSecond);   // NaN: never reached
 * }</pre>
 */
public final class WarmupFigure {
    /** Shortest window: 50 ms, long enough to hold many steps of the fast workloads. */
    public static final long WINDOW_NANOS = 50_000_000L;

    /** The share of the steady speed that counts as warmed up. */
    public static final double FRACTION = 0.9;

    private WarmupFigure() {
    }

    /**
     * @param endNanos the end of each step, in nanoseconds since the first step started, non-decreasing
     * @param count how many entries of {@code endNanos} are filled
     * @param steadyStepsPerSecond the steady speed (the median of the samples), steps per second
     * @return seconds from the first step until the speed first reached 90% of steady (two windows in a
     *         row), or NaN when it never did within the run
     */
    public static double seconds(long[] endNanos, int count, double steadyStepsPerSecond) {
        if (count < 0 || count > endNanos.length) {
            throw new IllegalArgumentException("WarmupFigure: count " + count + " outside [0, " + endNanos.length + "]");
        }
        if (!(steadyStepsPerSecond > 0)) {
            throw new IllegalArgumentException("WarmupFigure: steady speed must be positive, got "
                    + steadyStepsPerSecond);
        }
        double bar = FRACTION * steadyStepsPerSecond;
        long candidateStart = -1;
        int i = 0;
        long windowStart = 0;
        while (i < count) {
            int j = i;
            while (j < count - 1 && endNanos[j] - windowStart < WINDOW_NANOS) {
                j++;
            }
            if (endNanos[j] - windowStart < WINDOW_NANOS) {
                break;   // the run ended inside this window: too little to judge
            }
            double speed = (j - i + 1) / ((endNanos[j] - windowStart) / 1e9);
            boolean fast = speed >= bar;
            if (fast && candidateStart >= 0) {
                return candidateStart / 1e9;
            }
            candidateStart = fast ? windowStart : -1;
            windowStart = endNanos[j];
            i = j + 1;
        }
        return Double.NaN;
    }
}
