package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.MicroKernel.MR;
import static org.jgrad.core.cpu.simd.MicroKernel.NR;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.core.cpu.Parallel;

/**
 * The fast matrix product for large matrices: the Goto/BLIS scheme of cache blocking plus packing around a
 * register-tiled {@link MicroKernel}.
 *
 * <p>The problem with the textbook loop is memory, not arithmetic: the CPU can do 32 float operations per
 * cycle but read far fewer floats from RAM. So C is computed in blocks chosen so that what the inner loops
 * re-read lives in a cache close enough to keep up:
 * <pre>
 * for jc in steps of NC:                 B block  KC x NC  (packed, shared by all threads)  -> L3
 *   for pc in steps of KC:
 *     pack B[pc:pc+KC, jc:jc+NC]
 *     for ic in steps of MC (the blocks are shared out among threads):
 *       pack A[ic:ic+MC, pc:pc+KC]       A block  MC x KC  (one per thread)                -> L2
 *       for jr in steps of NR:           B sliver KC x NR  re-read for every ir              -> L1
 *         for ir in steps of MR:
 *           C[ic+ir : +MR, jc+jr : +NR] += A sliver (MR x KC) * B sliver (KC x NR)   (registers)
 * </pre>
 * Sizes, for float32 with 8 lanes (MR = 4, NR = 16) on a core with 32 KiB L1d, 512 KiB L2 and a shared L3:
 * <ul>
 *   <li>{@link #KC} = 256: a B sliver is KC x NR x 4 B = 16 KiB, half of L1, leaving room for the A sliver
 *       (4 KiB) streaming past it. A larger KC makes each C update (a load and store of the C tile) rarer,
 *       but once the sliver no longer fits L1 the kernel starves. (On the Zen 3 VM this was tuned on, KC 128
 *       and 384 to 512 measured 10-25% slower at n = 1024, within noisy timings.)</li>
 *   <li>{@link #MC} = 144 (a multiple of MR): the packed A block is MC x KC x 4 B = 144 KiB, well inside
 *       L2, so each A sliver comes back from L2 for every B sliver. (72 was as fast, 288 slower.)</li>
 *   <li>{@link #NC} = 4096 (a multiple of NR): the packed B block is KC x NC x 4 B = 4 MiB, a share of L3;
 *       it bounds the buffer for very wide products.</li>
 * </ul>
 * KC, MC and NC are close to BLIS's AVX2 float32 sizes (256, 144, 4080). On other cores they are a sound
 * start; {@code bench/run.sh} measures the effect of changing them.
 *
 * <p>Packing copies each block into the exact order the micro-kernel reads it (A sliver: column by
 * column, MR floats each; B sliver: row by row, NR floats each), zero-padded to whole slivers. So the
 * kernel never sees strides: transposed, broadcast (stride 0) or flipped inputs cost the same as dense
 * ones, edge blocks run the same kernel, and the copy (O(n^2) work) is repaid by O(n^3) fast reads.
 */
final class PackedMatmul implements MatmulKernel {
    /** Depth of a block: the k-length of each rank-KC update. */
    static final int KC = 256;
    /** MR floats: one row step of a sliver (MR is 4, so 128 bits). */
    private static final VectorSpecies<Float> MR_SPECIES = VectorSpecies.of(float.class, VectorShape.forBitSize(MR * 32));
    /** Lane i of a row goes i * MR floats further in its sliver. */
    private static final int[] SLIVER_STEPS = java.util.stream.IntStream.range(0, LANES).map(i -> i * MR).toArray();
    /** Lane i of a column of B goes i * NR floats further in its panel. */
    private static final int[] PANEL_STEPS = java.util.stream.IntStream.range(0, LANES).map(i -> i * NR).toArray();
    /** Rows of a block of A (a multiple of MR). */
    static final int MC = 144;
    /** Columns of a block of B (a multiple of NR at every width). */
    static final int NC = 4096;
    /** B panels one packing task copies: 8 x KC x NR floats, 128 KiB at 8 lanes. */
    private static final int PANELS_PER_PACK_TASK = 8;

    @Override
    public void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads) {
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        RowBlocks rows = RowBlocks.of(m, threads);
        int ncMax = Math.min(NC, n);
        // The packed B block is shared by all threads of this product; it belongs to the calling thread.
        float[] bPack = PackBuffers.B.get(Math.min(KC, k) * roundUp(ncMax, NR));
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            // Tasks: each row block of C, with its columns cut in `parts` when there are too few blocks to
            // keep every thread busy (then each part packs the same A block; that copy is cheap next to
            // the multiply-adds).
            int parts = threads == 1 ? 1 : Math.max(1, Math.min(panels, ceilDiv(RowBlocks.TASKS_PER_THREAD * threads, rows.count)));
            int tasks = rows.count * parts;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                int j0 = jc;
                int p0 = pc;
                Parallel.forChunks(panels, threads == 1 ? 1 : ceilDiv(panels, PANELS_PER_PACK_TASK),
                        (q0, q1) -> packB(b, p0, kc, j0, nc, q0, q1, bPack));
                Parallel.forChunks(tasks, threads == 1 ? 1 : tasks, (t0, t1) -> {
                    float[] aPack = PackBuffers.A.get(rows.size * kc);
                    float[] edge = PackBuffers.EDGE.get(MR * NR);
                    int packedBlock = -1;
                    for (int t = t0; t < t1; t++) {
                        int block = t / parts;
                        int part = t % parts;
                        int ic = block * rows.size;
                        int mc = Math.min(rows.size, m - ic);
                        if (block != packedBlock) {
                            packA(a, ic, mc, p0, kc, aPack);
                            packedBlock = block;
                        }
                        int q0 = Parallel.chunkStart(panels, parts, part);
                        int q1 = Parallel.chunkStart(panels, parts, part + 1);
                        macroKernel(aPack, bPack, kc, mc, nc, q0, q1, c, cOff + ic * n + j0, n, edge);
                    }
                });
            }
        }
    }

    /** C block {@code mc x nc} (at {@code ci}, row stride {@code ldc}) += packed A block * packed B panels q0..q1. */
    private static void macroKernel(float[] aPack, float[] bPack, int kc, int mc, int nc, int q0, int q1,
                                    float[] c, int ci, int ldc, float[] edge) {
        for (int q = q0; q < q1; q++) {
            int jr = q * NR;
            int cols = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                if (rows == MR && cols == NR) {
                    MicroKernel.multiply(aPack, ir * kc, bPack, jr * kc, kc, c, ci + ir * ldc + jr, ldc);
                } else {
                    // A block at the bottom or right edge of C: run the whole (zero-padded) tile on a scratch
                    // copy of C's valid part and copy that part back. Each element then gets exactly the
                    // operations of a whole tile, c + sum, so whether a tile is at an edge (which depends on
                    // how rows were split among threads) changes no bits, not even the sign of a zero.
                    Arrays.fill(edge, 0f);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(c, ci + (ir + r) * ldc + jr, edge, r * NR, cols);
                    }
                    MicroKernel.multiply(aPack, ir * kc, bPack, jr * kc, kc, edge, 0, NR);
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(edge, r * NR, c, ci + (ir + r) * ldc + jr, cols);
                    }
                }
            }
        }
    }

    /**
     * Packs {@code A[ic:ic+mc, pc:pc+kc]} as slivers of MR rows: sliver {@code s} starts at {@code s*MR*kc} and
     * holds, for each {@code p}, the MR floats of column {@code p}. Rows past {@code mc} are zeros.
     */
    static void packA(StridedMatrix a, int ic, int mc, int pc, int kc, float[] dst) {
        float[] src = a.data();
        int rs = a.rowStride();
        int cs = a.colStride();
        // Read along whichever of A's axes is closer to contiguous: along k for a row-major A, along the rows
        // of a sliver for a transposed one (grad^T in a weight gradient), where MR neighbours are adjacent.
        boolean alongRows = Math.abs(rs) < Math.abs(cs);
        int first = 0;
        if (alongRows && rs == 1) {
            first = mc - mc % MR;
            packSliversAlongRows(src, a.index(ic, pc), cs, kc, first, dst);
        }
        for (int ir = first; ir < mc; ir += MR) {
            int base = ir * kc;
            int rows = Math.min(MR, mc - ir);
            if (alongRows) {
                int from = a.index(ic + ir, pc);
                for (int p = 0; p < kc; p++) {
                    int at = from + p * cs;
                    int to = base + p * MR;
                    for (int r = 0; r < rows; r++) {
                        dst[to + r] = src[at + r * rs];
                    }
                    for (int r = rows; r < MR; r++) {
                        dst[to + r] = 0f;
                    }
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int from = a.index(ic + ir + r, pc);
                    int p = 0;
                    if (cs == 1) {
                        p = scatterRun(src, from, kc, dst, base + r, SLIVER_STEPS);
                    }
                    for (; p < kc; p++) {
                        dst[base + p * MR + r] = src[from + p * cs];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * The vector part of one contiguous run of {@code kc} floats (a row of A, or a column of a transposed B) into
     * its packed block, where consecutive floats land {@code steps[1]} apart ({@link #SLIVER_STEPS}: MR, or
     * {@link #PANEL_STEPS}: NR): LANES floats per load, scattered. Returns how many of the floats it moved.
     */
    private static int scatterRun(float[] src, int from, int kc, float[] dst, int to, int[] steps) {
        int stride = steps[1];
        int bound = kc - kc % LANES;
        for (int p = 0; p < bound; p += LANES) {
            FloatVector.fromArray(F32, src, from + p).intoArray(dst, to + p * stride, steps, 0);
        }
        return bound;
    }

    /**
     * The whole slivers (the first {@code rows}, a multiple of MR) of a transposed A, whose rows are adjacent in
     * memory ({@code k} steps {@code cs} apart): for each {@code p}, the run of {@code rows} floats is read once,
     * front to back, and each MR of it is one small vector into its sliver. (Sliver by sliver, every MR-float
     * read would start a new cache line.)
     */
    private static void packSliversAlongRows(float[] src, int from, int cs, int kc, int rows, float[] dst) {
        for (int p = 0; p < kc; p++) {
            int at = from + p * cs;
            for (int ir = 0; ir < rows; ir += MR) {
                FloatVector.fromArray(MR_SPECIES, src, at + ir).intoArray(dst, ir * kc + p * MR);
            }
        }
    }

    /**
     * Packs panels {@code q0..q1} of {@code B[pc:pc+kc, jc:jc+nc]}: panel {@code q} starts at {@code q*NR*kc} and
     * holds, for each {@code p}, the NR floats of row {@code p}. Columns past {@code nc} are zeros.
     */
    static void packB(StridedMatrix b, int pc, int kc, int jc, int nc, int q0, int q1, float[] dst) {
        float[] src = b.data();
        int rs = b.rowStride();
        int cs = b.colStride();
        for (int q = q0; q < q1; q++) {
            int jr = q * NR;
            int cols = Math.min(NR, nc - jr);
            int base = jr * kc;
            if (cs == 1 && cols == NR) {
                // Row-major B, whole panel: each row of the sliver is two vectors.
                int from = b.index(pc, jc + jr);
                for (int p = 0; p < kc; p++) {
                    int at = from + p * rs;
                    int to = base + p * NR;
                    FloatVector.fromArray(F32, src, at).intoArray(dst, to);
                    FloatVector.fromArray(F32, src, at + LANES).intoArray(dst, to + LANES);
                }
            } else if (Math.abs(rs) < Math.abs(cs)) {
                // Transposed B (a weight [out, in] used as W^T): read each column along k, where it is contiguous,
                // and write it down the sliver, instead of gathering NR floats k apart for every row.
                for (int j = 0; j < cols; j++) {
                    int from = b.index(pc, jc + jr + j);
                    int p = rs == 1 ? scatterRun(src, from, kc, dst, base + j, PANEL_STEPS) : 0;
                    for (; p < kc; p++) {
                        dst[base + p * NR + j] = src[from + p * rs];
                    }
                }
                for (int p = 0; p < kc; p++) {
                    for (int j = cols; j < NR; j++) {
                        dst[base + p * NR + j] = 0f;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int from = b.index(pc + p, jc + jr);
                    int to = base + p * NR;
                    for (int j = 0; j < cols; j++) {
                        dst[to + j] = src[from + j * cs];
                    }
                    for (int j = cols; j < NR; j++) {
                        dst[to + j] = 0f;
                    }
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /**
     * How the rows of C are cut into blocks: at most {@link #MC} rows each, a multiple of MR, with sizes
     * evened out. With several threads there are a few blocks per thread (none under {@link #MIN_ROWS} rows),
     * so that threads share the work out dynamically and one that starts late does not hold up the rest.
     */
    record RowBlocks(int size, int count) {
        /** Blocks (tasks) per thread to aim for when splitting. */
        static final int TASKS_PER_THREAD = 4;
        /** Smallest block worth a task: 32 rows of 256 columns and depth 256 is about 4 MFLOP. */
        static final int MIN_ROWS = 32;

        static RowBlocks of(int m, int threads) {
            int count = ceilDiv(m, MC);
            if (threads > 1) {
                count = Math.max(count, Math.min(TASKS_PER_THREAD * threads, ceilDiv(m, MIN_ROWS)));
            }
            int size = roundUp(ceilDiv(m, count), MR);
            return new RowBlocks(size, ceilDiv(m, size));
        }
    }
}
