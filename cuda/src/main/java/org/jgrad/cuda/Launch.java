package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * One kernel launch being put together: the kernel's arguments in order, then the grid. Errors name the
 * kernel, the launch configuration and what the caller said about the operands (their shapes).
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
    private final List<Pointer> args = new ArrayList<>();

    private Launch(CudaDevice device, String kernel) {
        this.device = device;
        this.kernel = kernel;
    }

    static Launch of(CudaDevice device, String kernel) {
        return new Launch(device, kernel);
    }

    /** Int arguments, one per value. */
    Launch ints(int... values) {
        for (int v : values) {
            args.add(Pointer.to(new int[] {v}));
        }
        return this;
    }

    /** One struct of ints passed by value ({@code Layout}, {@code Strides}): a single argument. */
    Launch struct(int[] fields) {
        args.add(Pointer.to(fields));
        return this;
    }

    Launch longs(long... values) {
        for (long v : values) {
            args.add(Pointer.to(new long[] {v}));
        }
        return this;
    }

    Launch doubles(double value) {
        args.add(Pointer.to(new double[] {value}));
        return this;
    }

    Launch floats(float value) {
        args.add(Pointer.to(new float[] {value}));
        return this;
    }

    Launch bytes(byte value) {
        args.add(Pointer.to(new byte[] {value}));
        return this;
    }

    /** A device pointer argument. */
    Launch ptr(CUdeviceptr p) {
        args.add(Pointer.to(p));
        return this;
    }

    Launch ptr(CudaStorage s) {
        return ptr(s.pointer());
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
        device.makeCurrent();
        Pointer params = Pointer.to(args.toArray(new Pointer[0]));
        try {
            cuLaunchKernel(device.function(kernel), gridX, gridY, gridZ, block, 1, 1, sharedBytes, null, params, null);
        } catch (CudaException e) {
            throw new IllegalStateException("cuda: launching " + kernel + " with grid " + Arrays.toString(
                    new int[] {gridX, gridY, gridZ}) + ", block " + block + ", shared " + sharedBytes + " bytes failed"
                    + " (" + what + "): " + e.getMessage(), e);
        }
    }
}
