package org.jgrad.cuda;

import java.util.Locale;
import org.jgrad.core.DType;

/**
 * Which of our SGEMM kernels runs a float32 product (float64 always takes the 64 x 64 tile kernel). All give
 * the same bits: each C element is one fma chain over k in order, whatever the tiling. Chosen per backend with
 * {@link CudaBackend#useGemm} or {@code -Djgrad.cuda.gemm=tile64|tile128|warp128|auto}; the GPU report times
 * each one.
 *
 * <pre>{@code
 * gpu.useGemm(GemmKernel.WARP128);   // every float32 product from now on
 * }</pre>
 */
public enum GemmKernel {
    /**
     * 64 x 64 tiles for products too small to give every multiprocessor a 128 x 128 tile, else {@link #WARP128}
     * (the design expected to be fastest; the GPU report measures all three: see the README's GPU section).
     */
    AUTO(0),
    /** 64 x 64 tiles, 4 x 4 results per thread ({@code gemm_f32}). */
    TILE64(64),
    /** 128 x 128 tiles from 8-deep slices, 8 x 8 results per thread, float4 loads ({@code gemm128_f32}). */
    TILE128(128),
    /** 128 x 128 tiles, warp tiles of 64 x 32, 16-deep slices double-buffered ({@code gemm_wt128_f32}). */
    WARP128(128);

    /** The system property that sets the starting choice. */
    public static final String PROPERTY = "jgrad.cuda.gemm";

    private final int tile;

    GemmKernel(int tile) {
        this.tile = tile;
    }

    /** The choice {@value #PROPERTY} names, {@link #AUTO} when unset. */
    static GemmKernel fromProperty() {
        String v = System.getProperty(PROPERTY, "auto").strip().toUpperCase(Locale.ROOT);
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cuda: -D" + PROPERTY + "=" + System.getProperty(PROPERTY)
                    + " is not one of auto, tile64, tile128, warp128", e);
        }
    }

    /** The kernel that runs a product of {@code batch} {@code m x n} results on a GPU of that many multiprocessors. */
    GemmKernel resolve(DType dtype, int m, int n, int batch, int multiprocessors) {
        if (dtype != DType.F32) {
            return TILE64;
        }
        if (this != AUTO) {
            return this;
        }
        long bigTiles = (long) ceilDiv(m, 128) * ceilDiv(n, 128) * batch;
        return bigTiles >= multiprocessors ? WARP128 : TILE64;
    }

    /** Rows and columns of C per block. */
    int tile() {
        return tile;
    }

    String kernel(DType dtype) {
        return switch (this) {
            case AUTO -> throw new IllegalStateException("resolve AUTO first");
            case TILE64 -> KernelNames.gemm(dtype);
            case TILE128 -> KernelNames.gemm128();
            case WARP128 -> KernelNames.gemmWarp128();
        };
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
