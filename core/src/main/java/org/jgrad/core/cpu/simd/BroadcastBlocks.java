package org.jgrad.core.cpu.simd;

import java.util.Arrays;

/**
 * Small per-thread blocks filled with one repeated value: how the elementwise kernels read a broadcast
 * operand (stride 0) with the same dense vector loop as a real one. Two blocks per thread, for kernels
 * whose two operands are both broadcast; reused call after call, so a broadcast (a bias, a scalar) costs
 * no allocation.
 *
 * <pre>{@code
 * float[] b = BroadcastBlocks.filled(1, 0.5f, n);   // min(n, BLOCK) copies of 0.5f
 * }</pre>
 */
final class BroadcastBlocks {
    /** Elements per block: 4 KiB of floats, so a filled block stays in L1. */
    static final int BLOCK = 1024;

    private static final ThreadLocal<float[][]> BLOCKS = ThreadLocal.withInitial(() -> new float[2][BLOCK]);

    private BroadcastBlocks() {
    }

    /** This thread's block {@code slot} (0 or 1) with its first {@code min(n, BLOCK)} elements set to {@code v}. */
    static float[] filled(int slot, float v, int n) {
        float[] block = BLOCKS.get()[slot];
        Arrays.fill(block, 0, Math.min(n, BLOCK), v);
        return block;
    }
}
