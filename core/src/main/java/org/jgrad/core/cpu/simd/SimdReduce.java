package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
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
 * <p>Determinism: the bits depend only on the input, the axes and the vector width, not on the thread count,
 * the timing or the JIT tier. A long reduction ({@code >= 2 * GRAIN} terms per output) is cut into
 * {@link #termChunks(int)} ranges of terms, a number that depends on the length only; each range is reduced
 * on its own and the partials are added in range order. Shorter ones are reduced whole, one output at a
 * time, and only the outputs are shared out among threads. Lanes are combined by {@link #sumLanes} and
 * {@link #maxLanes} in index order: the Vector API's {@code reduceLanes(ADD)} adds them in one order in the
 * Java fallback that runs before C2 compiles a loop and in another in C2's intrinsic.
 */
final class SimdReduce {
    /** Additions per float32 accumulator before its value is moved into float64. */
    static final int ADDS_PER_FLUSH = 128;
    /** Elements worth a thread of their own. */
    private static final int GRAIN = 1 << 16;
    /** Most ranges a long reduction is cut into (see {@link #termChunks(int)}). */
    static final int MAX_TERM_CHUNKS = 16;
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
        int chunks = termChunks(terms);
        if (chunks == 1) {
            // Split the outputs: every thread reduces whole rows and writes its own slice of out.
            Parallel.forRange(outs, Math.max(1, GRAIN / terms), (from, to) -> {
                double[] part = new double[to - from];
                partial(plan, max, x, from, to, 0, terms, part);
                for (int o = from; o < to; o++) {
                    out[o] = (float) part[o - from];
                }
            });
            return;
        }
        // Long reductions: split the reduced elements and combine partials in chunk order.
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
     * How many ranges a reduction of {@code terms} elements per output is cut into: one per {@link #GRAIN}
     * terms, at most {@value #MAX_TERM_CHUNKS} (enough for several threads each), and 1 below two grains. It
     * depends on the length only, never on the thread count, so the partials and their sum are the same
     * bits at any {@code jgrad.threads}.
     */
    static int termChunks(int terms) {
        return Math.max(1, Math.min(MAX_TERM_CHUNKS, terms / GRAIN));
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
                blockSum = sumLanes(a0.add(a1).add(a2.add(a3)));
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
            m = maxLanes(a0.max(a1));
        }
        for (; i < n; i++) {
            m = Math.max(m, x[from + i]);
        }
        return m;
    }

    /** Where a vector's lanes are stored to be combined in order: per thread, so no array per call. */
    private static final ThreadLocal<float[]> LANE_SCRATCH = ThreadLocal.withInitial(() -> new float[LANES]);

    /** The lanes of {@code v} added in index order, {@code ((v0 + v1) + v2) + ...}, in every JIT tier. */
    static float sumLanes(FloatVector v) {
        float[] lanes = LANE_SCRATCH.get();
        v.intoArray(lanes, 0);
        float s = lanes[0];
        for (int l = 1; l < LANES; l++) {
            s += lanes[l];
        }
        return s;
    }

    /** The largest lane of {@code v} by {@link Math#max(float, float)} in index order (NaN if any lane is NaN). */
    static float maxLanes(FloatVector v) {
        float[] lanes = LANE_SCRATCH.get();
        v.intoArray(lanes, 0);
        float m = lanes[0];
        for (int l = 1; l < LANES; l++) {
            m = Math.max(m, lanes[l]);
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
                RowAccumulator acc = ACCUMULATORS.get().reset(w, max);
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

    /** One accumulator tile per thread, reused by every OUTER reduction (it is reset before each tile). */
    private static final ThreadLocal<RowAccumulator> ACCUMULATORS = ThreadLocal.withInitial(RowAccumulator::new);

    /** A tile of {@code w <= TILE} output accumulators that dense input rows are added (or maxed) into. */
    private static final class RowAccumulator {
        final float[] floats = new float[TILE];
        final double[] doubles = new double[TILE];
        boolean max;
        int w;
        int rows;

        /** Empties the first {@code w} accumulators for a SUM (zeros) or a MAX (-infinity); returns this. */
        RowAccumulator reset(int w, boolean max) {
            this.w = w;
            this.max = max;
            rows = 0;
            Arrays.fill(floats, 0, w, max ? Float.NEGATIVE_INFINITY : 0f);
            Arrays.fill(doubles, 0, w, 0.0);
            return this;
        }

        void addRow(float[] x, int at) {
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
            for (int j = 0; j < w; j++) {
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
