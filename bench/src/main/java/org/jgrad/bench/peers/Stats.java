package org.jgrad.bench.peers;

import java.util.Arrays;

/** Small statistics the runner needs: medians, as Python's {@code statistics.median} computes them. */
public final class Stats {
    private Stats() {
    }

    /**
     * The median of {@code values} (the mean of the two middle values for an even count), as the PyTorch side's
     * {@code statistics.median}; the input is not modified.
     *
     * <pre>{@code
     * Stats.median(new double[] {3, 1, 2});      // 2
     * Stats.median(new double[] {4, 1, 2, 3});   // 2.5
     * }</pre>
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median: no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }
}
