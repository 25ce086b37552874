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
        double n = count(self(), axes, "mean");
        return self().sum(axes, keepdim).div(n);
    }

    /** Variance with {@code correction} subtracted from the count (1 = unbiased, 0 = population). */
    default Tensor var(int[] axes, int correction, boolean keepdim) {
        Tensor x = self();
        double n = count(x, axes, "var");
        Tensor centered = x.sub(x.mean(axes, true));
        return centered.square().sum(axes, keepdim).div(Math.max(n - correction, 0));
    }

    default Tensor std(int[] axes, int correction, boolean keepdim) {
        count(self(), axes, "std");
        return var(axes, correction, keepdim).sqrt();
    }

    /** {@code log(sum(exp(x)))}, computed stably by shifting by the (constant) max first. */
    default Tensor logsumexp(int[] axes, boolean keepdim) {
        Tensor x = self();
        count(x, axes, "logsumexp");
        // An empty input has no max (a reduced dim may be size 0); its sums are 0, so shift by 0 (log 0 = -inf).
        NDArray max = x.numel() == 0 ? x.data().sum(axes, true) : x.data().max(axes, true);
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
        count(self(), axes, "norm");
        return self().abs().pow(p).sum(axes, keepdim).pow(1.0 / p);
    }

    /** Elements per output of a reduction over {@code axes}; checks the axes, naming {@code op} when they are bad. */
    private static double count(Tensor x, int[] axes, String op) {
        if (axes == null) {
            return x.numel();
        }
        boolean[] seen = new boolean[Math.max(x.rank(), 1)];
        double n = 1;
        for (int a : axes) {
            int d = Shape.normalizeAxis(a, x.rank(), op);
            if (seen[d]) {
                throw new IllegalArgumentException(op + ": dim " + d + " appears twice in "
                        + java.util.Arrays.toString(axes) + " for shape " + x.shape());
            }
            seen[d] = true;
            n *= x.rank() == 0 ? 1 : x.size(d); // a 0-d input accepts dim 0 and -1, reducing nothing
        }
        return n;
    }
}
