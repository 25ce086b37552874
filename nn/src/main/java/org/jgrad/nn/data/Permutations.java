package org.jgrad.nn.data;

import org.jgrad.core.Generator;

/**
 * Random permutations drawn from a {@link Generator}, so a seed fixes them on every JDK and backend. The shuffles
 * of {@link DataLoader} come from here; programs that shuffle by hand should too.
 *
 * <pre>{@code
 * int[] order = Permutations.random(60_000, new Generator(seed));   // Fisher-Yates, unbiased
 * }</pre>
 */
public final class Permutations {
    private Permutations() {
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public static int[] random(int n, Generator gen) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = below(i + 1, gen);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A uniform integer in {@code [0, bound)}: rejection sampling on 63 bits, so no value is favoured. */
    static int below(int bound, Generator gen) {
        long u = gen.nextLong() >>> 1;
        long r = u % bound;
        // Reject draws from the final, incomplete block of size bound at the top of the 63-bit range.
        while (u - r + (bound - 1) < 0) {
            u = gen.nextLong() >>> 1;
            r = u % bound;
        }
        return (int) r;
    }

    /**
     * A generator seed for {@code (seed, epoch)}: the SplitMix64 finaliser mixes both, so neighbouring seeds
     * or epochs give unrelated streams (seeding with {@code seed + epoch} would make epoch 1 of seed 0 replay
     * a shifted epoch 0 of seed 1).
     */
    static long mix(long seed, long epoch) {
        return finalise(seed ^ finalise(epoch + 0x9E3779B97F4A7C15L));
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
