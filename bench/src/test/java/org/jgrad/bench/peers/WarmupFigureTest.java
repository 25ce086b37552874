package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WarmupFigureTest {
    /** Step end times: {@code slowSteps} steps of {@code slowNanos}, then {@code fastSteps} of {@code fastNanos}. */
    private static long[] timeline(int slowSteps, long slowNanos, int fastSteps, long fastNanos) {
        long[] ends = new long[slowSteps + fastSteps];
        long t = 0;
        for (int i = 0; i < ends.length; i++) {
            t += i < slowSteps ? slowNanos : fastNanos;
            ends[i] = t;
        }
        return ends;
    }

    @Test
    void slowThenFastReachesTheBarWhenTheFastPartStarts() {
        // 1 s at 10 steps/s, then 3 s at 1000 steps/s: warmed up at 1 s. The figure is the start of a window;
        // windows are >= 50 ms and the slow steps are 100 ms, so windows start exactly at 1.0 s.
        long[] ends = timeline(10, 100_000_000L, 3000, 1_000_000L);
        assertEquals(1.0, WarmupFigure.seconds(ends, ends.length, 1000), 1e-9);
    }

    @Test
    void oneLuckyWindowDoesNotCount() {
        // slow 0.5 s, a fast 60 ms burst, slow 0.5 s again, then fast: warmed up only at the second fast part.
        long[] a = timeline(5, 100_000_000L, 60, 1_000_000L);
        long[] b = timeline(5, 100_000_000L, 2000, 1_000_000L);
        long[] ends = Arrays.copyOf(a, a.length + b.length);
        for (int i = 0; i < b.length; i++) {
            ends[a.length + i] = a[a.length - 1] + b[i];
        }
        double expected = (a[a.length - 1] + 500_000_000L) / 1e9;
        assertEquals(expected, WarmupFigure.seconds(ends, ends.length, 1000), 1e-9);
    }

    @Test
    void alreadyFastFromTheStartIsZero() {
        long[] ends = timeline(0, 0, 1000, 1_000_000L);
        assertEquals(0.0, WarmupFigure.seconds(ends, ends.length, 1000), 1e-9);
    }

    @Test
    void neverReachingNinetyPercentIsNaN() {
        // 850 steps/s throughout against a steady speed of 1000: 85% < 90%
        long[] ends = timeline(0, 0, 2000, 1_176_471L);
        assertTrue(Double.isNaN(WarmupFigure.seconds(ends, ends.length, 1000)));
    }

    @Test
    void onlyTheFilledPartIsRead() {
        long[] ends = Arrays.copyOf(timeline(10, 100_000_000L, 1000, 1_000_000L), 5000);   // zeros after the run
        assertEquals(1.0, WarmupFigure.seconds(ends, 1010, 1000), 1e-9);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WarmupFigure.seconds(new long[3], 4, 1));
        assertThrows(IllegalArgumentException.class, () -> WarmupFigure.seconds(new long[3], 3, 0));
    }
}
