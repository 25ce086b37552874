package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.jgrad.core.View;
import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.ReduceOp;

/**
 * Float32 SUM and MAX over any set of axes (see {@link ReducePlan} for how the axes are walked).
 *
 * <p>Accuracy of SUM: a float32 running sum of {@code n} terms can be off by up to {@code n * 2^-24} of
 * {@code sum|x|}, which for a million terms is 6%. So float32 lanes add at most {@value #ADDS_PER_FLUSH}
 * terms each (one block), and blocks are then added in float64. The error is then bounded by about
 * {@code (128 + 8) * 2^-24 * sum|x|} (128 float adds per lane, a few more to combine the lanes, one final
 * rounding) whatever {@code n} is, while almost all additions stay float32 vector adds.
 *
 * <p>MAX propagates NaN like {@code torch.amax}: the Vector API's MAX is {@link Math#max(float, float)},
 * which returns NaN when either side is NaN, and the float64 combine uses {@link Math#max(double, double)}.
 * An empty reduction gives 0 for SUM and -infinity for MAX, as the reference does.
 *
 * <p>Threads: when there are enough outputs, each thread takes a range of outputs; when there are few
 * outputs but long reductions (a full sum), each thread reduces a range of the reduced elements into
 * its own partial result, and the partials are combined in a fixed order, so results do not depend on
 * timing.
 */
final class SimdReduce {
    /** Additions per float32 accumulator before its value is moved into float64. */
    static final int ADDS_PER_FLUSH = 128;
    /** Elements worth a thread of their own. */
    private static final int GRAIN = 1 << 16;
    /** Output columns an OUTER tile holds: 2 KiB of float accumulators plus 4 KiB of float64, in L1. */
    private static final int TILE = 512;

    private SimdReduce() {
    }

    /** Writes the reduction of {@code x}'s view over {@code axes} (SUM or MAX) into the dense {@code out}. */
    static void reduce(ReduceOp op, float[] x, View vx, int[] axes, float[] out) {
        boolean max = switch (op) {
            case SUM -> false;
            case MAX -> true;
            case ARGMAX -> throw new IllegalArgumentException("ARGMAX is not a SimdReduce op");
        };
        ReducePlan plan = new ReducePlan(vx, axes);
        int outs = plan.outCount;
        int terms = plan.reduceCount;
        if (outs == 0) {
            return;
        }
        if (terms == 0) {
            Arrays.fill(out, max ? Float.NEGATIVE_INFINITY : 0f);
            return;
        }
        int outChunks = Parallel.chunks(outs, Math.max(1, GRAIN / terms));
        if (outChunks >= Parallel.threads() || Parallel.chunks(terms, GRAIN) <= 1) {
            // Split the outputs: every thread reduces whole rows and writes its own slice of out.
            Parallel.forChunks(outs, outChunks, (from, to) -> {
                double[] part = new double[to - from];
                partial(plan, max, x, from, to, 0, terms, part);
                for (int o = from; o < to; o++) {
                    out[o] = (float) part[o - from];
                }
            });
            return;
        }
        // Few outputs, long reductions: split the reduced elements and combine partials in chunk order.
        int chunks = Parallel.chunks(terms, GRAIN);
        double[][] parts = new double[chunks][outs];
        Parallel.forChunks(chunks, chunks, (c0, c1) -> {
            for (int c = c0; c < c1; c++) {
                int from = Parallel.chunkStart(terms, chunks, c);
                int to = Parallel.chunkStart(terms, chunks, c + 1);
                partial(plan, max, x, 0, outs, from, to, parts[c]);
            }
        });
        for (int o = 0; o < outs; o++) {
            double acc = parts[0][o];
            for (int c = 1; c < chunks; c++) {
                acc = max ? Math.max(acc, parts[c][o]) : acc + parts[c][o];
            }
            out[o] = (float) acc;
        }
    }

    /**
     * Reduces terms {@code [rFrom, rTo)} of outputs {@code [oFrom, oTo)} into {@code dst[o - oFrom]}, in float64.
     */
    private static void partial(ReducePlan plan, boolean max, float[] x, int oFrom, int oTo, int rFrom, int rTo,
                                double[] dst) {
        switch (plan.mode) {
            case INNER -> inner(plan, max, x, oFrom, oTo, rFrom, rTo, dst);
            case OUTER -> outer(plan, max, x, oFrom, oTo, rFrom, rTo, dst);
            case SCALAR -> scalar(plan, max, x, oFrom, oTo, rFrom, rTo, dst);
        }
    }

    /** INNER: the reduced elements form dense runs; reduce each run with vectors. */
    private static void inner(ReducePlan plan, boolean max, float[] x, int oFrom, int oTo, int rFrom, int rTo,
                              double[] dst) {
        int ks = plan.kept.innerStride(0);
        boolean oneRun = plan.reduced.runCount() == 1;
        ChunkedLoop.forEachPiece(plan.kept, oFrom, oTo, (offs, n) -> {
            for (int t = 0; t < n; t++) {
                int base = offs[0] + t * ks;
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                if (oneRun) {
                    // The common case (reducing trailing contiguous dims): one dense run, no walker needed.
                    acc = max ? maxDense(x, base + rFrom, rTo - rFrom) : sumDense(x, base + rFrom, rTo - rFrom);
                } else {
                    double[] a = {acc};
                    ChunkedLoop.forEachPiece(plan.reduced, rFrom, rTo, (roffs, rn) -> {
                        int at = base + roffs[0];
                        a[0] = max ? Math.max(a[0], maxDense(x, at, rn)) : a[0] + sumDense(x, at, rn);
                    });
                    acc = a[0];
                }
                dst[offs[1] + t - oFrom] = acc;
            }
        });
    }

    /** Sum of {@code x[from .. from+n)}: float32 vector lanes, flushed to float64 every block. */
    static double sumDense(float[] x, int from, int n) {
        // Each of the 4 vector accumulators' lanes (or the one scalar sum at width 0) adds ADDS_PER_FLUSH terms.
        int block = ADDS_PER_FLUSH * (SimdWidth.SCALAR ? 1 : 4 * LANES);
        double total = 0;
        for (int s = 0; s < n; s += block) {
            int len = Math.min(block, n - s);
            int at = from + s;
            int i = 0;
            float blockSum = 0f;
            int bound = SimdWidth.loopBound(len);
            if (bound > 0) {
                // Four independent accumulators hide the 3-cycle latency of a vector add.
                FloatVector a0 = FloatVector.zero(F32);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                int bound4 = len - len % (4 * LANES);
                for (; i < bound4; i += 4 * LANES) {
                    a0 = a0.add(FloatVector.fromArray(F32, x, at + i));
                    a1 = a1.add(FloatVector.fromArray(F32, x, at + i + LANES));
                    a2 = a2.add(FloatVector.fromArray(F32, x, at + i + 2 * LANES));
                    a3 = a3.add(FloatVector.fromArray(F32, x, at + i + 3 * LANES));
                }
                for (; i < bound; i += LANES) {
                    a0 = a0.add(FloatVector.fromArray(F32, x, at + i));
                }
                blockSum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
            }
            float tail = 0f;
            for (; i < len; i++) {
                tail += x[at + i];
            }
            total += (double) blockSum + tail;
        }
        return total;
    }

    /** Max of {@code x[from .. from+n)}, NaN if any element is NaN; -infinity when {@code n == 0}. */
    static double maxDense(float[] x, int from, int n) {
        int bound = SimdWidth.loopBound(n);
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector a0 = FloatVector.broadcast(F32, Float.NEGATIVE_INFINITY);
            FloatVector a1 = a0;
            int bound2 = n - n % (2 * LANES);
            for (; i < bound2; i += 2 * LANES) {
                a0 = a0.max(FloatVector.fromArray(F32, x, from + i));
                a1 = a1.max(FloatVector.fromArray(F32, x, from + i + LANES));
            }
            for (; i < bound; i += LANES) {
                a0 = a0.max(FloatVector.fromArray(F32, x, from + i));
            }
            m = a0.max(a1).reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[from + i]);
        }
        return m;
    }

    /**
     * OUTER: the kept elements form dense runs; every reduced index adds a whole row of them into a tile of
     * accumulators.
     */
    private static void outer(ReducePlan plan, boolean max, float[] x, int oFrom, int oTo, int rFrom, int rTo,
                              double[] dst) {
        ChunkedLoop.forEachPiece(plan.kept, oFrom, oTo, (offs, n) -> {
            for (int t0 = 0; t0 < n; t0 += TILE) {
                int w = Math.min(TILE, n - t0);
                RowAccumulator acc = new RowAccumulator(w, max);
                int start = offs[0] + t0;
                int rs = plan.reduced.innerStride(0);
                ChunkedLoop.forEachPiece(plan.reduced, rFrom, rTo, (roffs, rn) -> {
                    for (int u = 0; u < rn; u++) {
                        acc.addRow(x, start + roffs[0] + u * rs);
                    }
                });
                acc.flush();
                int o = offs[1] + t0 - oFrom;
                for (int j = 0; j < w; j++) {
                    dst[o + j] = max ? acc.floats[j] : acc.doubles[j];
                }
            }
        });
    }

    /** A tile of {@code w} output accumulators that dense input rows are added (or maxed) into. */
    private static final class RowAccumulator {
        final float[] floats;
        final double[] doubles;
        final boolean max;
        int rows;

        RowAccumulator(int w, boolean max) {
            this.floats = new float[w];
            this.doubles = max ? null : new double[w];
            this.max = max;
            if (max) {
                Arrays.fill(floats, Float.NEGATIVE_INFINITY);
            }
        }

        void addRow(float[] x, int at) {
            int w = floats.length;
            int bound = SimdWidth.loopBound(w);
            int j = 0;
            if (max) {
                for (; j < bound; j += LANES) {
                    FloatVector.fromArray(F32, floats, j).max(FloatVector.fromArray(F32, x, at + j)).intoArray(floats, j);
                }
                for (; j < w; j++) {
                    floats[j] = Math.max(floats[j], x[at + j]);
                }
                return;
            }
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(F32, floats, j).add(FloatVector.fromArray(F32, x, at + j)).intoArray(floats, j);
            }
            for (; j < w; j++) {
                floats[j] += x[at + j];
            }
            if (++rows == ADDS_PER_FLUSH) {
                flush();
            }
        }

        /** Moves the float32 partial sums into float64 (max needs no flush: it rounds nothing). */
        void flush() {
            if (max) {
                return;
            }
            for (int j = 0; j < floats.length; j++) {
                doubles[j] += floats[j];
                floats[j] = 0f;
            }
            rows = 0;
        }
    }

    /** SCALAR: neither side is dense; a plain float64 loop over strided elements. */
    private static void scalar(ReducePlan plan, boolean max, float[] x, int oFrom, int oTo, int rFrom, int rTo,
                               double[] dst) {
        int ks = plan.kept.innerStride(0);
        int rs = plan.reduced.innerStride(0);
        ChunkedLoop.forEachPiece(plan.kept, oFrom, oTo, (offs, n) -> {
            for (int t = 0; t < n; t++) {
                int base = offs[0] + t * ks;
                double[] a = {max ? Double.NEGATIVE_INFINITY : 0};
                ChunkedLoop.forEachPiece(plan.reduced, rFrom, rTo, (roffs, rn) -> {
                    double acc = a[0];
                    for (int u = 0; u < rn; u++) {
                        float v = x[base + roffs[0] + u * rs];
                        acc = max ? Math.max(acc, v) : acc + v;
                    }
                    a[0] = acc;
                });
                dst[offs[1] + t - oFrom] = a[0];
            }
        });
    }
}
