package org.jgrad.core;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.FusedKernels;
import org.jgrad.core.backend.OutOfMemory;
import org.jgrad.core.backend.Storage;

/** Front-end logic of the fused activations: checks, the backend's fused kernel when it has one, else the composite. */
final class Activations {
    private Activations() {
    }

    static NDArray softmax(NDArray x, int dim, boolean log) {
        String name = log ? "logSoftmax" : "softmax";
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(name + ": expected a floating tensor but got " + x.dtype() + " of shape "
                    + x.shape() + "; cast with to(DType.F32) first");
        }
        int d = Shape.normalizeAxis(dim, x.rank(), name);
        if (x.numel() == 0) {
            return x.copy();
        }
        Backend backend = x.backend();
        if (backend instanceof FusedKernels k && x.rank() > 0) {
            // The kernel takes dense rows: move dim last and lay the input out densely, so that every layout and
            // every dim takes the same path and gets the same bits.
            int last = x.rank() - 1;
            NDArray rows = (d == last ? x : x.transpose(d, last)).contiguous();
            Storage out = OutOfMemory.empty(backend, "softmax", x.dtype(), x.shape());
            if (k.softmax(rows.storage(), rows.view(), last, log, out)) {
                NDArray y = NDArray.dense(out, rows.shape());
                return d == last ? y : y.transpose(d, last);
            }
            backend.release(out);
        }
        return composite(x, d, log);
    }

    static NDArray layerNorm(NDArray x, int dims, double eps) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException("layerNorm: expected a floating tensor but got " + x.dtype()
                    + " of shape " + x.shape());
        }
        if (dims < 1 || dims > x.rank()) {
            throw new IllegalArgumentException("layerNorm: cannot normalise over the last " + dims + " dims of a tensor"
                    + " of shape " + x.shape() + " (expected 1 to " + x.rank() + ")");
        }
        int[] axes = new int[dims];
        int n = 1;
        for (int i = 0; i < dims; i++) {
            axes[i] = x.rank() - dims + i;
            n *= x.size(axes[i]);
        }
        if (x.numel() == 0) {
            return x.copy();
        }
        Backend backend = x.backend();
        if (backend instanceof FusedKernels k) {
            NDArray rows = x.contiguous();   // dense rows for the kernel: the same path (and bits) for every layout
            Storage out = OutOfMemory.empty(backend, "layerNorm", x.dtype(), x.shape());
            if (k.layerNorm(rows.storage(), rows.view(), n, eps, out)) {
                return NDArray.dense(out, x.shape());
            }
            backend.release(out);
        }
        NDArray centered = x.sub(x.sum(axes, true).div(n));
        NDArray var = centered.mul(centered).sum(axes, true).div(n);
        return centered.div(var.add(eps).sqrt());
    }

    /** The definition: shift by the max along {@code dim}, exponentiate, normalise (or subtract the log-sum). */
    static NDArray composite(NDArray x, int dim, boolean log) {
        int[] axes = {dim};
        NDArray shifted = x.rank() == 0 ? x.sub(x) : x.sub(x.max(axes, true));
        NDArray e = shifted.exp();
        NDArray z = x.rank() == 0 ? e : e.sum(axes, true);
        return log ? shifted.sub(z.log()) : e.div(z);
    }
}
