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
 *   width 0 (scalar)              -> SCALAR   plain loops, no vectors
 *   n &lt; lanes (matrix x vector)   -> DOT      one dot product per output, vectorised along k
 *   m &lt; 16 or m*n*k &lt; 32^3      -> ROWS     row of C += a[i][p] * row of B, no packing
 *   otherwise                     -> PACKED   blocked, packed, 4 x 2-vector register tiles
 * </pre>
 * Every variant is checked against the reference on the same shapes by {@code SimdMatmulTest}.
 *
 * <p>Threads: one big product is split inside the kernel; a batch of small ones is split by batch index,
 * each product on one thread. Products under about two million flops stay on the caller's thread.
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
    /** Flops below which one product runs on one thread: a hand-off costs some microseconds. */
    static final long PARALLEL_FLOPS = 1L << 21;

    private SimdMatmul() {
    }

    /** The variant used for an {@code m x k} times {@code k x n} product. */
    public static Variant choose(int m, int n, int k) {
        if (SimdWidth.SCALAR) {
            return Variant.SCALAR;
        }
        if (n < SimdWidth.LANES) {
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
        MatmulKernel kernel = (variant != null ? variant : choose(m, n, k)).kernel;
        int[] aOffsets = batchOffsets(batch, va);
        int[] bOffsets = batchOffsets(batch, vb);
        int sam = va.stride(rank - 2);
        int sak = va.stride(rank - 1);
        int sbk = vb.stride(rank - 2);
        int sbn = vb.stride(rank - 1);
        long flops = 2L * m * n * k;
        int threads = flops >= PARALLEL_FLOPS ? Parallel.threads() : 1;
        int batchChunks = count == 1 ? 1 : Parallel.chunks(count, (int) Math.max(1, PARALLEL_FLOPS / Math.max(1, flops)));
        if (batchChunks > 1 && flops < 64 * PARALLEL_FLOPS) {
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
                    out, i * m * n, m, n, k, threads);
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
