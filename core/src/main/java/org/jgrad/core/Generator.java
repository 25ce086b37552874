package org.jgrad.core;

/**
 * An explicit, seeded source of random numbers. The sequence is fixed by this class's algorithm
 * (SplitMix64), not by the JDK or the backend: numbers are drawn here in float64 and then handed to the
 * backend, so the same seed gives the same tensors on every backend, every run and every JDK.
 *
 * <pre>{@code
 * Generator g = new Generator(42);
 * NDArray w = NDArray.randn(g, DType.F32, 3, 4);   // same numbers for seed 42 everywhere
 * }</pre>
 */
public final class Generator {
    private long state;
    private double spareNormal = Double.NaN;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Generator(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits (SplitMix64, Steele, Lea and Flood 2014). */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A standard normal sample (Box-Muller; the second value of each pair is kept for the next call). */
    public double nextGaussian() {
        if (!Double.isNaN(spareNormal)) {
            double s = spareNormal;
            spareNormal = Double.NaN;
            return s;
        }
        // 1 - u lies in (0, 1], so the log is finite.
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }
}
