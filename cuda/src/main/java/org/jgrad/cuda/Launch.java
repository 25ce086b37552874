package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import java.util.Arrays;
import jcuda.CudaException;

/**
 * One kernel launch being put together: the kernel's arguments in order, written straight into the calling
 * thread's {@link ParamBlock}, then the grid. Errors name the kernel, the launch configuration and what the
 * caller said about the operands (their shapes). Put one launch together at a time per thread: starting
 * another before this one runs is caught at {@link #run}.
 *
 * <pre>{@code
 * Launch.of(device, "unary_exp_f32").ints(n).struct(layout).ptr(x).struct(sx).ptr(out).struct(so)
 *       .elementwise(n, "exp on " + shape);
 * }</pre>
 */
final class Launch {
    /** Threads per block of the elementwise (grid-stride) kernels. */
    static final int THREADS = 256;

    private final CudaDevice device;
    private final String kernel;
    private final ParamBlock block;
    private final long generation;

    private Launch(CudaDevice device, String kernel) {
        this.device = device;
        this.kernel = kernel;
        device.makeCurrent();   // before the thread's first ParamBlock: page-locked memory needs a current context
        this.block = ParamBlock.start();
        this.generation = block.generation();
    }

    static Launch of(CudaDevice device, String kernel) {
        return new Launch(device, kernel);
    }

    /** Int arguments, one per value. */
    Launch ints(int... values) {
        for (int v : values) {
            block.buffer().putInt(block.next(4, kernel), v);
        }
        return this;
    }

    /** One struct of ints passed by value ({@code Layout}, {@code Strides}): a single argument. */
    Launch struct(int[] fields) {
        int at = block.next(4 * fields.length, kernel);
        for (int i = 0; i < fields.length; i++) {
            block.buffer().putInt(at + 4 * i, fields[i]);
        }
        return this;
    }

    Launch longs(long... values) {
        for (long v : values) {
            block.buffer().putLong(block.next(8, kernel), v);
        }
        return this;
    }

    Launch doubles(double value) {
        block.buffer().putDouble(block.next(8, kernel), value);
        return this;
    }

    Launch floats(float value) {
        block.buffer().putFloat(block.next(4, kernel), value);
        return this;
    }

    Launch bytes(byte value) {
        block.buffer().put(block.next(1, kernel), value);
        return this;
    }

    /** A device pointer argument, by address. */
    Launch ptr(long address) {
        return longs(address);
    }

    Launch ptr(CudaStorage s) {
        return ptr(s.address());
    }

    /** A grid-stride launch over {@code n} elements (nothing for n = 0). */
    void elementwise(int n, String what) {
        if (n == 0) {
            return;
        }
        long blocks = Math.min((n + (long) THREADS - 1) / THREADS, (long) device.multiprocessors() * 32);
        run((int) blocks, 1, 1, THREADS, 0, what);
    }

    /** A launch with an explicit grid and block, and {@code sharedBytes} of dynamic shared memory. */
    void run(int gridX, int gridY, int gridZ, int block, int sharedBytes, String what) {
        if (this.block.generation() != generation) {
            throw new IllegalStateException("cuda: another launch was put together on this thread while " + kernel
                    + "'s was (" + what + ")");
        }
        try {
            cuLaunchKernel(device.function(kernel), gridX, gridY, gridZ, block, 1, 1, sharedBytes, null,
                    this.block.table(), null);
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: launching " + kernel + " with grid " + Arrays.toString(
                    new int[] {gridX, gridY, gridZ}) + ", block " + block + ", shared " + sharedBytes + " bytes failed"
                    + " (" + what + "): " + e.getMessage(), e);
        }
    }
}
