package org.jgrad.core;

import java.util.Arrays;

/**
 * {@code torch.matmul} semantics on top of the backend's batched {@code [..., M, K] x [..., K, N]} kernel:
 * 1-D operands get a temporary unit dim that is removed afterwards, and batch dims broadcast.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static NDArray matmul(NDArray a, NDArray b) {
        Elementwise.sameBackend("matmul", a, b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least 1 dim, got shapes " + a.shape()
                    + " and " + b.shape() + " (use mul for scalars)");
        }
        DType common = DType.promote(a.dtype(), b.dtype());
        if (!common.isFloating()) {
            throw new IllegalArgumentException("matmul: expected floating operands but got " + a.dtype() + " "
                    + a.shape() + " and " + b.dtype() + " " + b.shape() + "; cast to F32 or F64 first");
        }
        boolean aVector = a.rank() == 1;
        boolean bVector = b.rank() == 1;
        NDArray x = (aVector ? a.unsqueeze(0) : a).to(common);
        NDArray y = (bVector ? b.unsqueeze(1) : b).to(common);
        int k = x.size(-1);
        if (y.size(-2) != k) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " cannot be multiplied: the first's last dim (" + k + ") must equal the second's "
                    + (bVector ? "only" : "second-to-last") + " dim (" + y.size(-2) + ")");
        }
        Shape batch = Broadcasting.broadcastShapes("matmul", batchOf(x), batchOf(y));
        int r = batch.rank();
        int[] xs = Arrays.copyOf(batch.toArray(), r + 2);
        xs[r] = x.size(-2);
        xs[r + 1] = k;
        int[] ys = Arrays.copyOf(batch.toArray(), r + 2);
        ys[r] = k;
        ys[r + 1] = y.size(-1);
        x = x.expand(xs);
        y = y.expand(ys);
        int[] outDims = Arrays.copyOf(batch.toArray(), r + 2);
        outDims[r] = xs[r];
        outDims[r + 1] = ys[r + 1];
        NDArray out = NDArray.dense(x.backend().matmul(x.storage(), x.view(), y.storage(), y.view()),
                Shape.of(outDims));
        if (bVector) {
            out = out.squeeze(-1);
        }
        if (aVector) {
            out = out.squeeze(bVector ? -1 : -2);
        }
        return out;
    }

    private static Shape batchOf(NDArray t) {
        return Shape.of(Arrays.copyOf(t.shape().toArray(), t.rank() - 2));
    }
}
