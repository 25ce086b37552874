package org.jgrad.testkit;

/**
 * How big generated samples may get: the highest rank and the most elements per operand. Small sizes find
 * the same bugs as big ones (jqwik shrinks to the smallest anyway) and keep the suites fast.
 *
 * <pre>{@code
 * Arbitrary<SampleInput> s = CoreOps.get("sum").samples(SampleSizes.DEFAULT);
 * Arbitrary<SampleInput> big = CoreOps.get("sum").samples(SampleSizes.LARGE);
 * }</pre>
 *
 * @param maxRank  the highest rank of an operand
 * @param maxNumel the most elements of an operand (size-0 dims aside)
 * @param maxDim   the largest size of one dim (also M, N, K of matrix products)
 */
public record SampleSizes(int maxRank, int maxNumel, int maxDim) {
    /** Rank up to 4, up to 48 elements, dims up to 5: many small cases, every rank and edge. */
    public static final SampleSizes DEFAULT = new SampleSizes(4, 48, Shapes.MAX_DIM);

    /**
     * Rank up to 3, up to 3072 elements, dims up to 48: reaches the fast paths of a vectorised backend
     * (vector loops with tails at every width, blocked accumulation over more than 128 terms, row and packed
     * matrix kernels with m >= 16, n >= 16, mnk >= 32^3). Use with fewer tries.
     */
    public static final SampleSizes LARGE = new SampleSizes(3, 3072, 48);

    public SampleSizes {
        if (maxRank < 0 || maxNumel < 1 || maxDim < 1) {
            throw new IllegalArgumentException("SampleSizes: need maxRank >= 0, maxNumel >= 1, maxDim >= 1");
        }
    }

    /** Shapes within these limits. */
    public net.jqwik.api.Arbitrary<org.jgrad.core.Shape> shapes() {
        return Shapes.shapes(0, maxRank, maxNumel, maxDim);
    }

    /** Shapes of at least {@code minRank} within these limits. */
    public net.jqwik.api.Arbitrary<org.jgrad.core.Shape> shapes(int minRank) {
        return Shapes.shapes(minRank, Math.max(minRank, maxRank), maxNumel, maxDim);
    }
}
