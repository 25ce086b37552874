package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * One thread's kernel-argument block in page-locked host memory: the {@code void*[]} table that
 * {@code cuLaunchKernel} reads (an entry per argument, pointing at its value) followed by the values. Passing
 * JCuda one native pointer instead of an array of Java pointers, one per argument, cuts the host's cost of a
 * launch to a third or less (JCuda marshals every element of such an array through JNI: an SPI binary add of one
 * element on the driver emulator took 10.2-10.5 us before and 2.4-3.5 us with this block). The driver copies the
 * arguments at the launch, so the block is reused at once. Each thread that launches keeps its 4 KiB for its
 * lifetime.
 */
final class ParamBlock {
    /** Most arguments of one kernel (the matrix product has 12). */
    static final int MAX_ARGS = 32;
    private static final int BYTES = 4096;
    private static final int VALUES = 8 * MAX_ARGS;
    private static final ThreadLocal<ParamBlock> PER_THREAD = ThreadLocal.withInitial(ParamBlock::new);

    /** Page-locked memory with an address we can read, as DevicePointer does for device memory. */
    private static final class HostMemory extends Pointer {
        long address() {
            return getNativePointer();
        }
    }

    private final HostMemory memory = new HostMemory();
    private final ByteBuffer buffer;
    private final long base;
    private int args;
    private int cursor;
    private long generation;

    private ParamBlock() {
        cuMemAllocHost(memory, BYTES);
        buffer = memory.getByteBuffer(0, BYTES).order(ByteOrder.nativeOrder());
        base = memory.address();
    }

    /** The calling thread's block, emptied for a new launch; returns that launch's generation. */
    static ParamBlock start() {
        ParamBlock b = PER_THREAD.get();
        b.args = 0;
        b.cursor = VALUES;
        b.generation++;
        return b;
    }

    long generation() {
        return generation;
    }

    /** Room for the next argument's value, 8-byte aligned; returns where to write it. */
    int next(int bytes, String kernel) {
        int at = cursor;
        if (args == MAX_ARGS || at + bytes > BYTES) {
            throw new IllegalStateException("cuda: " + kernel + " has more arguments than a launch block holds ("
                    + MAX_ARGS + ", " + BYTES + " bytes)");
        }
        buffer.putLong(8 * args++, base + at);
        cursor = (at + bytes + 7) & ~7;
        return at;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** The argument table, as {@code cuLaunchKernel}'s {@code kernelParams}. */
    Pointer table() {
        return memory;
    }
}
