package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.IndexRange;

/**
 * The two-int error buffer kernels write bad data into ({@code record_error} in the kernels): the smallest
 * position or index offset that failed, and an error code. The host reads it after the kernels that can fail,
 * which makes those calls wait for the device, and turns it into the same exception the CPU backends throw.
 */
final class DeviceErrors {
    private static final int NONE = Integer.MAX_VALUE;
    private static final int INDEX = 1;
    private static final int DIV_ZERO = 2;
    private static final int NEG_POW = 3;

    /** Where the index values of a failed launch live, to name the bad one. */
    record IndexSource(CudaStorage index, int dim, Shape input) {
    }

    private final CudaDevice device;
    private final CUdeviceptr buffer;

    DeviceErrors(CudaDevice device, CachingAllocator allocator) {
        this.device = device;
        this.buffer = allocator.take(8);
        reset();
    }

    CUdeviceptr buffer() {
        return buffer;
    }

    private void reset() {
        cuMemcpyHtoD(buffer, Pointer.to(new int[] {NONE, 0}), 8);
    }

    /** Throws what the last launches recorded, if anything, and clears it. */
    void check(String op, IndexSource source) {
        device.makeCurrent();
        int[] e = new int[2];
        cuMemcpyDtoH(Pointer.to(e), buffer, 8);
        if (e[0] == NONE) {
            return;
        }
        reset();
        switch (e[1]) {
            case INDEX -> {
                long[] k = new long[1];
                cuMemcpyDtoH(Pointer.to(k), CudaBackend.at(source.index(), e[0]), 8);
                throw IndexRange.outOfRange(op, k[0], source.dim(), source.input());
            }
            case DIV_ZERO -> throw new ArithmeticException(op + ": integer division by zero");
            case NEG_POW -> throw new ArithmeticException(op + ": integers to negative integer powers are not allowed"
                    + " (element " + e[0] + " has a negative exponent)");
            default -> throw new IllegalStateException("cuda: " + op + " reported unknown error code " + e[1]);
        }
    }
}
