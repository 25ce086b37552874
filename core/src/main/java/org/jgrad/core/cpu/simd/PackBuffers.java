package org.jgrad.core.cpu.simd;

/**
 * Scratch arrays for {@link PackedMatmul}, one of each kind per thread, kept between calls: allocating
 * (and so zeroing) a fresh multi-megabyte packing buffer on every product cost more than packing into it.
 *
 * <p>Bounded: a buffer grows to the largest size asked for on its thread, and the sizes are bounded by the
 * block sizes ({@code KC x NC} floats, 4 MiB, for B; {@code MC x KC}, 144 KiB, for A), so a thread holds at
 * most about 4.2 MiB. Contents are garbage between uses: every user overwrites what it reads (packing
 * writes the padding zeros too).
 *
 * <pre>{@code
 * float[] bPack = PackBuffers.B.get(kc * nc);   // at least kc * nc floats, this thread's own
 * }</pre>
 */
final class PackBuffers {
    /** The packed B block of a product (the calling thread's; its workers only read it). */
    static final PackBuffers B = new PackBuffers();
    /** A packed A block, one per worker. */
    static final PackBuffers A = new PackBuffers();
    /** The scratch tile for edge blocks. */
    static final PackBuffers EDGE = new PackBuffers();

    private final ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[0]);

    private PackBuffers() {
    }

    /**
     * This thread's buffer, with at least {@code size} floats. Not reentrant: a caller must be done with it
     * before anything on the same thread asks for the same kind again (the matmul kernels never nest).
     */
    float[] get(int size) {
        float[] b = buffers.get();
        if (b.length < size) {
            b = new float[size];
            buffers.set(b);
        }
        return b;
    }
}
