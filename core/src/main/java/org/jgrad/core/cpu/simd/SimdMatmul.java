package org.jgrad.core.cpu.simd;

import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.MultiIndex;
import org.jgrad.core.cpu.Parallel;

/**
 * Float32 batched matrix product: picks one of the named {@link Variant}s by size and runs it over the
 * batch (the "facade + named variants" pattern of EJML's {@code CommonOps_DDRM.mult}).
 *
 * <p>No variant wins everywhere: the packed, register-tiled kernel reaches tens of GFLOP/s on big
 * matrices but pays for packing and padding on small or thin ones. The choice:
 * <pre>
 *   width 0 (scalar)                              -> SCALAR   plain loops, no vectors
 *   n &lt; lanes (matrix x vector)                   -> DOT      dot products along k, B copied transposed
 *   m &lt;= 16 and B's columns dense along k         -> DOT      dot products along k, B read in place
 *     (x @ W^T with an nn.Linear weight W [out, in]: batch-1 inference, small batches)
 *   m &lt; 16 or m*n*k &lt; 32^3                      -> ROWS     row of C += a[i][p] * row of B, no packing
 *   otherwise                                     -> PACKED   blocked, packed, 4 x 2-vector register tiles
 * </pre>
 * The choice depends on the shape, the width and B's layout, never on the thread count, and each variant
 * computes every element by the same operations however its work is split among threads: so the result
 * bits do not depend on {@code -Djgrad.threads} ({@code MatmulDeterminismTest}). Every variant is checked
 * against the reference on the same shapes by {@code SimdMatmulTest}.
 *
 * <p>Threads: one big product is split inside the kernel; a batch of small ones is split by batch index,
 * each product on one thread. Work under {@link #PARALLEL_FLOPS} stays on the caller's thread.
 *
 * <pre>{@code
 * float[] c = new float[m * n];
 * SimdMatmul.matmul(a, View.contiguous(Shape.of(m, k)), b, View.contiguous(Shape.of(k, n)), c);
 * }</pre>
 */
public final class SimdMatmul {
    /** The kernels, by name, so that tests and benchmarks can run each one. */
    public enum Variant {
        SCALAR(new ScalarMatmul()),
        ROWS(new RowMatmul()),
        DOT(new DotMatmul()),
        PACKED(new PackedMatmul());

        final MatmulKernel kernel;

        Variant(MatmulKernel kernel) {
            this.kernel = kernel;
        }

        /** False for PACKED at width 0: its micro-kernel is made of vector registers and has no scalar form. */
        public boolean available() {
            return this != PACKED || !SimdWidth.SCALAR;
        }
    }

    /** Below this many multiply-adds the packed kernel's set-up costs more than it saves (measured). */
    static final long SMALL = 32 * 32 * 32;
    /** With fewer rows the packed kernel pads and re-packs too much; the row kernel streams B once. */
    static final int FEW_ROWS = 4 * MicroKernel.MR;
    /** Rows up to which a product with a k-dense B (a transposed weight) takes the DOT kernel. */
    static final int DOT_ROWS = 16;
    /**
     * Flops below which a product (or a whole batch) of the compute-bound kernels (PACKED, ROWS) runs on one
     * thread. Measured with this threshold removed, {@code MatmulShapesBench} at 1 and 2 threads on the
     * 2-core Zen 5 VM (shared with other builds, so a second thread often waits for its core): 2 threads were
     * slower at 128^3 (4 MFLOP: 71 vs 34 us) and 192^3 (14 MFLOP: 385 vs 270 us), even at 64x256x256
     * (8 MFLOP), and up to twice as fast from 256^3 (34 MFLOP) on. A hand-off wakes a parked worker, which
     * in a VM takes tens of microseconds, and PACKED hands off twice per KC block (packing B, then the tiles).
     */
    static final long PARALLEL_FLOPS = 1L << 24;
    /**
     * The same for DOT: it is bound by memory bandwidth rather than arithmetic (each weight float is used
     * once per row of A), a second core brings its own L2 and load ports, and it hands off once per product.
     * 2 threads measured faster on 1x5000x128 (1.3 MFLOP: 69 vs 107 us and 79 vs 80 us in two runs) and on
     * 10x784x30 (0.5 MFLOP: 14 vs 23 us, once) -- this last one is kept on one thread to stay on the safe side.
     */
    static final long DOT_PARALLEL_FLOPS = 1L << 23;
    /**
     * Rows below which one product is not split (PACKED, ROWS): each thread packs its own copy of the A block,
     * so a split pays only with enough rows per thread. With parked workers (a wake-up per hand-off) it took 512;
     * with {@link org.jgrad.core.cpu.Parallel}'s spinning helpers, alternating runs of the peers benchmark on
     * the 2-core Zen 5 at 2 threads (this value vs 512, GFLOP/s): 256x5000x128 134 vs 104, but 64x5000x128 54
     * vs 66 when split from 64 rows; mlp5000 inference at batch 256 +12%.
     */
    static final int PARALLEL_ROWS = 256;

    private SimdMatmul() {
    }

    /** The variant used for an {@code m x k} times {@code k x n} product with a row-major B. */
    public static Variant choose(int m, int n, int k) {
        return choose(m, n, k, false);
    }

    /**
     * The variant used for an {@code m x k} times {@code k x n} product; {@code bColumnsDense}: B's columns are
     * contiguous (B is the transposed view of a row-major {@code [n, k]} matrix, like {@code W^T}).
     */
    public static Variant choose(int m, int n, int k, boolean bColumnsDense) {
        if (SimdWidth.SCALAR) {
            return Variant.SCALAR;
        }
        if (n < SimdWidth.LANES || (bColumnsDense && m <= DOT_ROWS)) {
            return Variant.DOT;
        }
        if (m < FEW_ROWS || (long) m * n * k < SMALL) {
            return Variant.ROWS;
        }
        return Variant.PACKED;
    }

    /**
     * {@code out = a @ b} for views {@code [..., M, K]} and {@code [..., K, N]} with equal (broadcast) batch dims;
     * {@code out} is a zeroed dense {@code [..., M, N]} array.
     */
    public static void matmul(float[] a, View va, float[] b, View vb, float[] out) {
        matmul(null, a, va, b, vb, out);
    }

    /**
     * Like {@link #matmul(float[], View, float[], View, float[])} with a chosen variant (null: by size).
     *
     * @throws IllegalArgumentException if the variant is not {@link Variant#available() available} at this width
     */
    public static void matmul(Variant variant, float[] a, View va, float[] b, View vb, float[] out) {
        matmul(variant, a, va, b, vb, out, Parallel.threads());
    }

    /**
     * Like {@link #matmul(Variant, float[], View, float[], View, float[])} splitting the work as for
     * {@code threads} threads (at most {@link Parallel#threads()} run at once): lets a test compare the
     * splits of different thread counts in one JVM, where {@code -Djgrad.threads} is read once.
     */
    static void matmul(Variant variant, float[] a, View va, float[] b, View vb, float[] out, int threads) {
        if (variant != null && !variant.available()) {
            throw new IllegalArgumentException("matmul variant " + variant + " needs vectors, but -D"
                    + VectorSupport.WIDTH_PROPERTY + "=0 asks for scalar loops");
        }
        int rank = va.rank();
        int m = va.shape().dim(rank - 2);
        int k = va.shape().dim(rank - 1);
        int n = vb.shape().dim(rank - 1);
        int[] batchDims = new int[rank - 2];
        for (int d = 0; d < rank - 2; d++) {
            batchDims[d] = va.shape().dim(d);
        }
        Shape batch = Shape.of(batchDims);
        int count = batch.numel();
        // k == 0: every product is an empty sum, and out arrives zero-filled.
        if (count == 0 || m == 0 || n == 0 || k == 0) {
            return;
        }
        int[] aOffsets = batchOffsets(batch, va);
        int[] bOffsets = batchOffsets(batch, vb);
        int sam = va.stride(rank - 2);
        int sak = va.stride(rank - 1);
        int sbk = vb.stride(rank - 2);
        int sbn = vb.stride(rank - 1);
        boolean bColumnsDense = sbk == 1 && n > 1;
        Variant chosen = variant != null ? variant : choose(m, n, k, bColumnsDense);
        MatmulKernel kernel = chosen.kernel;
        long flops = 2L * m * n * k;
        // Thread counts only decide how the work is split, never an element's operations: any threshold
        // gives the same bits.
        long parallelFlops = chosen == Variant.DOT ? DOT_PARALLEL_FLOPS : PARALLEL_FLOPS;
        boolean enoughRows = chosen == Variant.DOT || m >= PARALLEL_ROWS;
        int kernelThreads = flops >= parallelFlops && enoughRows ? threads : 1;
        // Whole products per batch chunk: enough for parallelFlops; a few chunks per thread at most.
        long grain = Math.max(1, parallelFlops / flops);
        int batchChunks = threads == 1 || count == 1 ? 1 : (int) Math.min(4L * threads, count / grain);
        if (batchChunks > 1 && flops < 8 * parallelFlops) {
            // Many smallish products: one thread per group of whole products.
            Parallel.forChunks(count, batchChunks, (i0, i1) -> {
                for (int i = i0; i < i1; i++) {
                    kernel.multiply(new StridedMatrix(a, aOffsets[i], sam, sak), new StridedMatrix(b, bOffsets[i], sbk, sbn),
                            out, i * m * n, m, n, k, 1);
                }
            });
            return;
        }
        for (int i = 0; i < count; i++) {
            kernel.multiply(new StridedMatrix(a, aOffsets[i], sam, sak), new StridedMatrix(b, bOffsets[i], sbk, sbn),
                    out, i * m * n, m, n, k, kernelThreads);
        }
    }

    /** Storage offset of each batch index's matrix, in row-major batch order. */
    private static int[] batchOffsets(Shape batch, View v) {
        int[] offsets = new int[batch.numel()];
        int[] strides = v.strides();
        MultiIndex it = new MultiIndex(batch);
        int i = 0;
        do {
            offsets[i++] = it.offset(strides, v.offset());
        } while (it.next());
        return offsets;
    }
}
