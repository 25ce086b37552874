package org.jgrad.cuda;

import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;

/**
 * A first look at kernel speed on the GPU (not the report): our gemm at n = 1024..4096 and an elementwise add
 * of up to 256M floats, timed after a warm-up with the device synchronised around each batch of launches.
 */
public final class GpuQuickBench {
    private GpuQuickBench() {
    }

    private static double seconds(CudaBackend gpu, int reps, Runnable work) {
        work.run();
        gpu.synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            work.run();
        }
        gpu.synchronize();
        return (System.nanoTime() - t0) / 1e9 / reps;
    }

    public static void main(String[] args) {
        CudaBackend gpu = (CudaBackend) Backends.get("cuda");
        CudaDevice d = gpu.device();
        System.out.printf("device: %s, cc %s, %d SMs, driver CUDA %s, PTX ISA %s, %d MiB%n", d.name(),
                d.computeCapability(), d.multiprocessors(), CudaDevice.versionString(d.driverVersion()), d.ptxVersion(),
                d.totalMemory() >> 20);
        for (int n : new int[] {1024, 2048, 4096}) {
            NDArray a = NDArray.on(gpu).randn(new Generator(1), DType.F32, n, n);
            NDArray b = NDArray.on(gpu).randn(new Generator(2), DType.F32, n, n);
            double s = seconds(gpu, 10, () -> a.matmul(b).release());
            System.out.printf("gemm f32 n=%d: %.3f ms, %.1f GFLOP/s%n", n, s * 1e3, 2.0 * n * n * n / s / 1e9);
        }
        for (int m : new int[] {1 << 20, 1 << 24, 1 << 28}) {
            NDArray a = NDArray.on(gpu).zeros(DType.F32, m);
            NDArray b = NDArray.on(gpu).ones(DType.F32, m);
            double s = seconds(gpu, 10, () -> a.add_(b));
            System.out.printf("add_ f32 %d elements: %.3f ms, %.1f GB/s (3 x 4 bytes per element)%n", m, s * 1e3,
                    12.0 * m / s / 1e9);
            a.release();
            b.release();
        }
    }
}
