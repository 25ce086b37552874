package org.jgrad.core.cpu;

import org.jgrad.core.Shape;
import org.jgrad.core.View;

/**
 * Walks several equally shaped views together as a list of runs: in each run, operand {@code k} reads
 * {@link #innerLength()} elements starting at {@code offsets[k]} with step {@link #innerStride(int)}.
 * Kernels loop over a run with plain array indexing and never see the full stride arithmetic.
 *
 * <p>Dimensions that are laid out back to back in every operand are merged first, so a contiguous
 * tensor is one long run and a transposed one is many short runs.
 *
 * <pre>{@code
 * StridedLoop loop = new StridedLoop(out, a, b);
 * loop.forEachRun(0, loop.runCount(), (offs, n) -> {
 *     for (int i = 0; i < n; i++) o[offs[0] + i] = x[offs[1] + i * loop.innerStride(1)] + ...;
 * });
 * }</pre>
 */
public final class StridedLoop {
    /** Receives one run: the start offset of each operand, and the run length. */
    @FunctionalInterface
    public interface RunConsumer {
        void run(int[] offsets, int length);
    }

    private final int operands;
    /** Outer dims (all but the innermost merged dim), outermost first. */
    private final int[] outerSizes;
    /** outerStrides[k][d]: stride of operand k along outer dim d. */
    private final int[][] outerStrides;
    private final int[] baseOffsets;
    private final int innerLength;
    private final int[] innerStrides;
    private final int runCount;

    /** A loop over views that all have the same shape. */
    public StridedLoop(View... views) {
        operands = views.length;
        Shape shape = views[0].shape();
        for (View v : views) {
            if (!v.shape().equals(shape)) {
                throw new IllegalArgumentException("StridedLoop: views of shapes " + shape + " and " + v.shape()
                        + " cannot be walked together (expected equal shapes)");
            }
        }
        baseOffsets = new int[operands];
        for (int k = 0; k < operands; k++) {
            baseOffsets[k] = views[k].offset();
        }
        // Drop size-1 dims, then merge dim d into d+1 where every operand is contiguous across them.
        int rank = shape.rank();
        int[] sizes = new int[rank];
        int[][] strides = new int[operands][rank];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (shape.dim(d) == 1) {
                continue;
            }
            sizes[n] = shape.dim(d);
            for (int k = 0; k < operands; k++) {
                strides[k][n] = views[k].stride(d);
            }
            n++;
        }
        int m = 0;
        for (int d = 0; d < n; d++) {
            if (m > 0 && mergeable(strides, m - 1, sizes[d], d)) {
                sizes[m - 1] *= sizes[d];
                for (int k = 0; k < operands; k++) {
                    strides[k][m - 1] = strides[k][d];
                }
            } else {
                sizes[m] = sizes[d];
                for (int k = 0; k < operands; k++) {
                    strides[k][m] = strides[k][d];
                }
                m++;
            }
        }
        if (shape.numel() == 0) {
            innerLength = 0;
            outerSizes = new int[0];
            outerStrides = new int[operands][0];
            innerStrides = new int[operands];
            runCount = 0;
            return;
        }
        innerLength = m == 0 ? 1 : sizes[m - 1];
        innerStrides = new int[operands];
        int outerRank = Math.max(m - 1, 0);
        outerSizes = new int[outerRank];
        outerStrides = new int[operands][outerRank];
        int count = 1;
        for (int d = 0; d < outerRank; d++) {
            outerSizes[d] = sizes[d];
            count *= sizes[d];
        }
        for (int k = 0; k < operands; k++) {
            innerStrides[k] = m == 0 ? 1 : strides[k][m - 1];
            System.arraycopy(strides[k], 0, outerStrides[k], 0, outerRank);
        }
        runCount = count;
    }

    private boolean mergeable(int[][] strides, int outer, int innerSize, int inner) {
        for (int[] st : strides) {
            if (st[outer] != st[inner] * innerSize) {
                return false;
            }
        }
        return true;
    }

    /** Elements per run. */
    public int innerLength() {
        return innerLength;
    }

    /** Step between consecutive elements of operand {@code k} within a run (0 = broadcast, 1 = dense). */
    public int innerStride(int k) {
        return innerStrides[k];
    }

    /** Number of runs. */
    public int runCount() {
        return runCount;
    }

    /** How many outer dims the runs are laid out over (0: a single run). */
    public int outerRank() {
        return outerSizes.length;
    }

    /** The size of outer dim {@code d} (outermost first). */
    public int outerSize(int d) {
        return outerSizes[d];
    }

    /** Operand {@code k}'s stride along outer dim {@code d}. */
    public int outerStride(int k, int d) {
        return outerStrides[k][d];
    }

    /** Operand {@code k}'s offset of the first element. */
    public int baseOffset(int k) {
        return baseOffsets[k];
    }

    /** Calls {@code consumer} for runs {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public void forEachRun(int from, int to, RunConsumer consumer) {
        if (from >= to) {
            return;
        }
        int outerRank = outerSizes.length;
        int[] idx = new int[outerRank];
        int[] offs = new int[operands];
        // Decompose the starting run number into an outer multi-index.
        int r = from;
        for (int d = outerRank - 1; d >= 0; d--) {
            idx[d] = r % outerSizes[d];
            r /= outerSizes[d];
        }
        for (int k = 0; k < operands; k++) {
            int o = baseOffsets[k];
            for (int d = 0; d < outerRank; d++) {
                o += idx[d] * outerStrides[k][d];
            }
            offs[k] = o;
        }
        int[] runOffsets = new int[operands];
        for (int run = from; run < to; run++) {
            System.arraycopy(offs, 0, runOffsets, 0, operands);
            consumer.run(runOffsets, innerLength);
            // Odometer step to the next outer index.
            for (int d = outerRank - 1; d >= 0; d--) {
                idx[d]++;
                for (int k = 0; k < operands; k++) {
                    offs[k] += outerStrides[k][d];
                }
                if (idx[d] < outerSizes[d]) {
                    break;
                }
                for (int k = 0; k < operands; k++) {
                    offs[k] -= outerStrides[k][d] * outerSizes[d];
                }
                idx[d] = 0;
            }
        }
    }
}
