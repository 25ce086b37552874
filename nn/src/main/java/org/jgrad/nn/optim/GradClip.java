package org.jgrad.nn.optim;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}: the
 * gradients are changed in place, between {@code backward()} and the optimizer's {@code step()}. Parameters
 * whose grad is null are skipped.
 *
 * <pre>{@code
 * loss.backward();
 * double norm = GradClip.clipGradNorm(model.parameters(), 1.0);   // the norm before clipping
 * opt.step();
 * }</pre>
 */
public final class GradClip {
    private GradClip() {
    }

    /** {@link #clipGradNorm(Iterable, double, double)} with the 2-norm. */
    public static double clipGradNorm(Iterable<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0);
    }

    /**
     * Scales all gradients together by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the
     * {@code normType}-norm of all gradients as if concatenated into one vector (the norm of the per-tensor
     * norms); {@code normType} may be {@code Double.POSITIVE_INFINITY} (largest absolute element). The
     * arithmetic is PyTorch's, in the gradients' dtype (float64 when they are mixed).
     *
     * @return the total norm before clipping (0 when no parameter has a gradient); it may be infinite or NaN
     *     if a gradient is, in which case the gradients become NaN, as in PyTorch
     * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN, or {@code normType} is not > 0
     */
    public static double clipGradNorm(Iterable<Tensor> params, double maxNorm, double normType) {
        Tensor total = clipGradNormTensor(params, maxNorm, normType);
        return total == null ? 0.0 : total.item();
    }

    /**
     * {@link #clipGradNorm(Iterable, double, double)} that returns the total norm as a scalar tensor on the
     * gradients' backend instead of reading it back (PyTorch's {@code clip_grad_norm_} returns a tensor too): the
     * clipping runs as tensor ops, so on a GPU backend the host does not wait for the device.
     *
     * <pre>{@code
     * Tensor norm = GradClip.clipGradNormTensor(model.parameters(), 1.0, 2.0);   // no host read
     * }</pre>
     *
     * @return the total norm before clipping, or null when no parameter has a gradient
     */
    public static Tensor clipGradNormTensor(Iterable<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 (or infinity), got " + normType);
        }
        List<Tensor> grads = grads(params);
        if (grads.isEmpty()) {
            return null;
        }
        try (var noGrad = GradMode.noGrad()) {
            DType dtype = grads.stream().anyMatch(g -> g.dtype() == DType.F64) ? DType.F64 : grads.get(0).dtype();
            Tensor[] norms = new Tensor[grads.size()];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = norm(grads.get(i), normType).to(dtype).reshape(1);
            }
            Tensor total = norm(Tensor.concat(0, norms), normType);
            // PyTorch computes max_norm / (total + 1e-6) as reciprocal(total + 1e-6) * max_norm (Tensor.__rtruediv__).
            Tensor coef = total.add(1e-6).reciprocal().mul(maxNorm).minimum(Tensor.of(total.creation().scalar(1.0, dtype)));
            for (Tensor g : grads) {
                g.mul_(coef);
            }
            return total;
        }
    }

    /** The {@code p}-norm of all elements of {@code t}, with PyTorch's special case for infinity. */
    private static Tensor norm(Tensor t, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            return t.abs().amax();
        }
        if (p == 2) {
            return t.norm();
        }
        if (p == 1) {
            return t.abs().sum();
        }
        return t.norm(p, null, false);
    }

    /**
     * Clamps every gradient element to {@code [-clipValue, clipValue]} in place.
     *
     * @throws IllegalArgumentException if {@code clipValue} is negative or NaN
     */
    public static void clipGradValue(Iterable<Tensor> params, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be >= 0, got " + clipValue);
        }
        try (var noGrad = GradMode.noGrad()) {
            for (Tensor g : grads(params)) {
                g.copy_(g.clamp(-clipValue, clipValue));
            }
        }
    }

    private static List<Tensor> grads(Iterable<Tensor> params) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor p : params) {
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        return grads;
    }
}
