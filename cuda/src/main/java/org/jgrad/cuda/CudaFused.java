package org.jgrad.cuda;

import org.jgrad.core.DType;
import org.jgrad.core.View;
import org.jgrad.core.backend.FusedKernels;
import org.jgrad.core.backend.OptimizerKernels.AdamStep;
import org.jgrad.core.backend.OptimizerKernels.SgdStep;
import org.jgrad.core.backend.Storage;

/**
 * The GPU's optional op families, launched for {@link CudaBackend}: {@link FusedKernels} (softmax, log-softmax
 * and layerNorm, one block per row) and {@link org.jgrad.core.backend.OptimizerKernels} (Adam/AdamW and SGD, one
 * pass over the parameter and its state, the CPU's bits). Each returns false, having launched nothing, where
 * the composite must run instead (other layouts or dtypes).
 */
final class CudaFused {
    private final CudaBackend backend;
    private final CudaDevice device;

    CudaFused(CudaBackend backend) {
        this.backend = backend;
        this.device = backend.device();
    }

    /** One kernel per row of a dense, last-dim softmax (the front end lays other dims and layouts out so). */
    boolean softmax(Storage x, View vx, int dim, boolean log, Storage out) {
        if (!x.dtype().isFloating() || dim != vx.rank() - 1 || !vx.isContiguous()) {
            return false;
        }
        int n = vx.shape().dim(dim);
        Launch.of(device, KernelNames.softmaxRows(x.dtype()))
                .ptr(CudaBackend.address(CudaStorage.of(x), vx.offset()))
                .ptr(CudaStorage.of(out)).ints(n, log ? 1 : 0)
                .run(vx.numel() / n, 1, 1, CudaBackend.blockFor(n), 0,
                        (log ? "logSoftmax" : "softmax") + " of " + vx.shape());
        return true;
    }

    boolean layerNorm(Storage x, View vx, int n, double eps, Storage out) {
        if (!x.dtype().isFloating() || !vx.isContiguous()) {
            return false;
        }
        Launch.of(device, KernelNames.layerNormRows(x.dtype()))
                .ptr(CudaBackend.address(CudaStorage.of(x), vx.offset()))
                .ptr(CudaStorage.of(out)).ints(n).doubles(eps)
                .run(vx.numel() / n, 1, 1, CudaBackend.blockFor(n), 0, "layerNorm over " + n + " of " + vx.shape());
        return true;
    }

    boolean adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, Storage maxExpAvgSq, AdamStep s) {
        if (!sameFloat32(param, grad, expAvg, expAvgSq, maxExpAvgSq)) {
            return false;
        }
        CudaStorage p = CudaStorage.of(param);
        Launch.of(device, KernelNames.adam()).ints(p.size()).ptr(p).ptr(CudaStorage.of(grad))
                .ptr(CudaStorage.of(expAvg)).ptr(CudaStorage.of(expAvgSq))
                .ptr(CudaStorage.of(maxExpAvgSq == null ? param : maxExpAvgSq)).ints(maxExpAvgSq == null ? 0 : 1)
                .floats((float) s.decay()).floats((float) s.l2()).ints(s.l2() != 0 ? 1 : 0)
                .floats((float) s.beta1()).floats((float) s.oneMinusBeta1()).floats((float) s.beta2())
                .floats((float) s.oneMinusBeta2()).floats((float) s.biasCorrection2Sqrt()).floats((float) s.eps())
                .floats((float) s.negStepSize()).elementwise(p.size(), "adam update of " + p.size() + " parameters");
        return true;
    }

    boolean sgd(Storage param, Storage grad, Storage momentumBuffer, SgdStep s) {
        if (!sameFloat32(param, grad, momentumBuffer)) {
            return false;
        }
        CudaStorage p = CudaStorage.of(param);
        Launch.of(device, KernelNames.sgd()).ints(p.size()).ptr(p).ptr(CudaStorage.of(grad))
                .ptr(CudaStorage.of(momentumBuffer == null ? param : momentumBuffer))
                .ints(momentumBuffer == null ? 0 : 1).floats((float) s.weightDecay()).ints(s.weightDecay() != 0 ? 1 : 0)
                .floats((float) s.momentum()).floats((float) s.oneMinusDampening()).floats((float) s.lr())
                .ints(s.first() ? 1 : 0, s.nesterov() ? 1 : 0)
                .elementwise(p.size(), "sgd update of " + p.size() + " parameters");
        return true;
    }

    /** Float32 storages of this backend, all of one size (null operands are absent ones). */
    private boolean sameFloat32(Storage first, Storage... rest) {
        if (first.dtype() != DType.F32 || first.backend() != backend) {
            return false;
        }
        for (Storage s : rest) {
            if (s != null && (s.dtype() != DType.F32 || s.backend() != backend || s.size() != first.size())) {
                return false;
            }
        }
        return true;
    }
}
