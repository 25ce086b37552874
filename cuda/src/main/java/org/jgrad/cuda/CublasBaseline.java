package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuMemsetD32;

import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasMath;
import jcuda.jcublas.cublasOperation;

/**
 * cuBLAS's float32 SGEMM (TF32 off), through JCublas: the baseline our own gemm kernels are compared with in the
 * GPU report, never used by the backend. Needs cuBLAS ({@code libcublas}) for JCublas's CUDA version; where it
 * cannot be loaded, {@link #sgemmMillis} throws with the reason and the report says so.
 */
public final class CublasBaseline {
    private CublasBaseline() {
    }

    /** Milliseconds per {@code n x n x n} SGEMM on zero-filled matrices. */
    public static double sgemmMillis(CudaBackend gpu, int m, int n, int k, int reps) {
        gpu.device().makeCurrent();
        JCublas2.setExceptionsEnabled(true);
        cublasHandle handle = new cublasHandle();
        JCublas2.cublasCreate(handle);
        CachingAllocator alloc = new CachingAllocator();
        long ba = 4L * m * k;
        long bb = 4L * k * n;
        long bc = 4L * m * n;
        DevicePointer a = alloc.take(ba);
        DevicePointer b = alloc.take(bb);
        DevicePointer c = alloc.take(bc);
        try {
            JCublas2.cublasSetMathMode(handle, cublasMath.CUBLAS_PEDANTIC_MATH);
            cuMemsetD32(a, Float.floatToIntBits(1f), (long) m * k);
            cuMemsetD32(b, Float.floatToIntBits(0.5f), (long) k * n);
            Pointer one = Pointer.to(new float[] {1f});
            Pointer zero = Pointer.to(new float[] {0f});
            // Row-major C = A B is column-major C^T = B^T A^T: swap the operands.
            return CudaTimer.millis(gpu, reps, () -> JCublas2.cublasSgemm(handle, cublasOperation.CUBLAS_OP_N,
                    cublasOperation.CUBLAS_OP_N, n, m, k, one, b, n, a, k, zero, c, n));
        } finally {
            alloc.give(a, ba);
            alloc.give(b, bb);
            alloc.give(c, bc);
            alloc.emptyCache();
            JCublas2.cublasDestroy(handle);
        }
    }
}
