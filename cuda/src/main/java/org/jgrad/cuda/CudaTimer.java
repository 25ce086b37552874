package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuEventSynchronize;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;

import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;

/**
 * Times work on the GPU with CUDA events recorded on the stream around it: the device's own clock, so launch
 * overhead on the host is counted only where it delays the GPU. For benchmarks and reports.
 *
 * <pre>{@code
 * double ms = CudaTimer.millis(gpu, 20, () -> a.matmul(b).release());   // per run, after one warm-up run
 * }</pre>
 */
public final class CudaTimer {
    private CudaTimer() {
    }

    /** Milliseconds per run of {@code work}: one warm-up run, then {@code reps} runs between two events. */
    public static double millis(CudaBackend gpu, int reps, Runnable work) {
        work.run();
        gpu.synchronize();
        CUevent start = new CUevent();
        CUevent stop = new CUevent();
        cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT);
        cuEventCreate(stop, CUevent_flags.CU_EVENT_DEFAULT);
        try {
            cuEventRecord(start, null);
            for (int i = 0; i < reps; i++) {
                work.run();
            }
            cuEventRecord(stop, null);
            cuEventSynchronize(stop);
            float[] ms = {0};
            cuEventElapsedTime(ms, start, stop);
            return ms[0] / reps;
        } finally {
            cuEventDestroy(start);
            cuEventDestroy(stop);
        }
    }

    /**
     * The device's copy bandwidth as the driver's own device-to-device copy reaches it: GB/s counting the bytes
     * read and written ({@code 2 * bytes} per copy), the ceiling for memory-bound kernels.
     */
    public static double copyBandwidth(CudaBackend gpu, long bytes, int reps) {
        gpu.device().makeCurrent();
        CachingAllocator a = new CachingAllocator();
        DevicePointer src = a.take(bytes);
        DevicePointer dst = a.take(bytes);
        try {
            double ms = millis(gpu, reps, () -> cuMemcpyDtoD(dst, src, bytes));
            return 2.0 * bytes / (ms * 1e-3) / 1e9;
        } finally {
            a.give(src, bytes);
            a.give(dst, bytes);
            a.emptyCache();
        }
    }
}
