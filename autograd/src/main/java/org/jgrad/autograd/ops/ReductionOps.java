package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * Reduction composites. Axes may be negative; {@code null} axes mean all.
 *
 * <pre>{@code
 * Tensor m = x.mean(new int[] {-1}, true);
 * Tensor v = x.var(new int[] {0}, 1, false);    // unbiased (Bessel's correction 1)
 * }</pre>
 */
public interface ReductionOps {
    Tensor self();

    default Tensor sum() {
        return self().sum(null, false);
    }

    default Tensor amax() {
        return self().amax(null, false);
    }

    default Tensor mean() {
        return mean(null, false);
    }

    default Tensor mean(int[] axes, boolean keepdim) {
        return self().sum(axes, keepdim).div(count(self(), axes));
    }

    /** Variance with {@code correction} subtracted from the count (1 = unbiased, 0 = population). */
    default Tensor var(int[] axes, int correction, boolean keepdim) {
        Tensor x = self();
        Tensor centered = x.sub(x.mean(axes, true));
        return centered.square().sum(axes, keepdim).div(Math.max(count(x, axes) - correction, 0));
    }

    default Tensor std(int[] axes, int correction, boolean keepdim) {
        return var(axes, correction, keepdim).sqrt();
    }

    /** {@code log(sum(exp(x)))}, computed stably by shifting by the (constant) max first. */
    default Tensor logsumexp(int[] axes, boolean keepdim) {
        Tensor x = self();
        NDArray max = x.data().max(axes, true);
        // An all -inf slice would give inf - inf = NaN; shift such slices by 0 instead (as torch does).
        NDArray finite = max.abs().lt(Double.POSITIVE_INFINITY);
        Tensor shift = Tensor.of(NDArray.where(finite, max, NDArray.on(max.backend()).scalar(0, max.dtype())));
        Tensor shifted = x.sub(shift).exp().sum(axes, true).log().add(shift);
        return keepdim ? shifted : shifted.reshape(Reduced.shape(x, axes));
    }

    /** The 2-norm of all elements. */
    default Tensor norm() {
        return self().square().sum().sqrt();
    }

    /** The p-norm over {@code axes}. */
    default Tensor norm(double p, int[] axes, boolean keepdim) {
        return self().abs().pow(p).sum(axes, keepdim).pow(1.0 / p);
    }

    private static double count(Tensor x, int[] axes) {
        if (axes == null) {
            return x.numel();
        }
        double n = 1;
        for (int a : axes) {
            n *= x.size(Shape.normalizeAxis(a, x.rank(), "mean"));
        }
        return n;
    }
}
