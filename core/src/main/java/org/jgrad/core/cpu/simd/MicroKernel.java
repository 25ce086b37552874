package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;

/**
 * The innermost piece of {@link PackedMatmul}: a {@value #MR} x {@link #NR} block of C held in registers
 * while {@code kc} rank-1 updates are added to it.
 *
 * <p>What it does. Per step {@code p} the kernel loads two vectors of B ({@code NR} floats of row {@code p}
 * of the B sliver), broadcasts four floats of A (column {@code p} of the A sliver) and does 4 x 2 = 8
 * vector FMAs into 8 accumulators. Every loaded B float is used 4 times and every A float 16 times, all
 * from registers; only after {@code kc} steps does the block touch C, once.
 *
 * <p>Why 4 x 2 vectors. The register file bounds the tile: 8 accumulators + 2 B vectors + 1 broadcast A =
 * 11 of AVX2's 16 vector registers. Eight independent FMA chains are what the hardware needs: an FMA takes
 * 4 cycles and two can start per cycle, so 8 must be in flight to keep both units busy. BLIS and OpenBLAS
 * use 6 x 2 vectors (12 accumulators, 15 registers) in assembly, but written with the Vector API that shape
 * ran at 40 GFLOP/s on Zen 3 where 4 x 2 (and 3 x 3) ran at 90, all in L1: C2's register allocator
 * does not manage to keep 12 accumulators in registers. With AVX-512 (32 registers, 16 lanes) the same code
 * is a 4 x 32 tile; an 8 x 2-vector tile (16 accumulators, 19 of the 32 registers) written the same way ran
 * 4.6x slower than 4 x 2 on the Zen 5 VM (n = 512 and 1024, and 1024x128x512), so 4 x 2 stays at every
 * width. At 4 x 2 it reached 128 GFLOP/s at n = 512 on one core of that VM.
 *
 * <p>Both operands come packed (see {@link PackedMatmul}), so the loop reads memory strictly in order:
 * {@code a[ai + p*MR + r]} and {@code b[bi + p*NR + j]}. Indices are written as affine functions of
 * {@code p} so C2 can prove them in bounds once per loop instead of checking each load.
 */
final class MicroKernel {
    /** Rows of the register block. */
    static final int MR = 4;
    /** Columns of the register block: two vectors. */
    static final int NR = 2 * LANES;

    private MicroKernel() {
    }

    /**
     * Adds {@code A_sliver * B_sliver} to the {@value #MR} x {@link #NR} block of C at {@code ci} (row stride
     * {@code ldc}). Always a whole block: edge blocks go through a scratch tile (see
     * {@link PackedMatmul}), because an edge branch in this method makes C2 compile the loop worse.
     *
     * @param a packed A: {@code kc} groups of {@value #MR} floats (one column of the sliver each), from {@code ai}
     * @param b packed B: {@code kc} groups of {@link #NR} floats (one row of the sliver each), from {@code bi}
     */
    static void multiply(float[] a, int ai, float[] b, int bi, int kc, float[] c, int ci, int ldc) {
        FloatVector c00 = FloatVector.zero(F32);
        FloatVector c01 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            int ap = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(F32, b, bp);
            FloatVector b1 = FloatVector.fromArray(F32, b, bp + LANES);
            FloatVector av = FloatVector.broadcast(F32, a[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(F32, a[ap + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(F32, a[ap + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(F32, a[ap + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        // C += the tile, written out rather than through a helper taking vectors: if C2 compiled this method
        // without inlining such a helper, every vector passed to it would be boxed on the heap (seen as MBs
        // allocated per training step and a 3x slower step in runs where the JIT inlined differently).
        int c1 = ci + ldc;
        int c2 = ci + 2 * ldc;
        int c3 = ci + 3 * ldc;
        FloatVector.fromArray(F32, c, ci).add(c00).intoArray(c, ci);
        FloatVector.fromArray(F32, c, ci + LANES).add(c01).intoArray(c, ci + LANES);
        FloatVector.fromArray(F32, c, c1).add(c10).intoArray(c, c1);
        FloatVector.fromArray(F32, c, c1 + LANES).add(c11).intoArray(c, c1 + LANES);
        FloatVector.fromArray(F32, c, c2).add(c20).intoArray(c, c2);
        FloatVector.fromArray(F32, c, c2 + LANES).add(c21).intoArray(c, c2 + LANES);
        FloatVector.fromArray(F32, c, c3).add(c30).intoArray(c, c3);
        FloatVector.fromArray(F32, c, c3 + LANES).add(c31).intoArray(c, c3 + LANES);
    }
}
