package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;

/**
 * Activation composites, with PyTorch's definitions and numerically stable forms.
 *
 * <pre>{@code
 * Tensor p = logits.softmax(-1);
 * Tensor h = x.linear(w, b).geluTanh();
 * }</pre>
 */
public interface ActivationOps {
    Tensor self();

    /**
     * {@code 1 / (1 + exp(-x))}: a fused primitive (one kernel, gradient {@code y (1 - y)}), checked against
     * {@link #sigmoidComposite()} by the op database.
     */
    Tensor sigmoid();

    /** The definition of {@link #sigmoid()}: {@code exp(-softplus(-x))}, so large |x| cannot overflow. */
    default Tensor sigmoidComposite() {
        return self().neg().softplus().neg().exp();
    }

    /** {@code tanh(x)}: a fused primitive (gradient {@code 1 - y^2}), checked against {@link #tanhComposite()}. */
    Tensor tanh();

    /** The definition of {@link #tanh()}: {@code 2 sigmoid(2x) - 1}. */
    default Tensor tanhComposite() {
        return self().mul(2.0).sigmoidComposite().mul(2.0).sub(1.0);
    }

    /** {@code max(x, 0)}; gradient 0 at 0 (PyTorch's choice). */
    default Tensor relu() {
        Tensor x = self();
        return Tensor.where(x.gt(Scalars.like(x, 0)), x, Scalars.like(x, 0));
    }

    /** {@code x} for positive x, else {@code slope * x}. */
    default Tensor leakyRelu(double slope) {
        Tensor x = self();
        return Tensor.where(x.gt(Scalars.like(x, 0)), x, x.mul(slope));
    }

    /** Exact GELU, {@code x * Phi(x) = 0.5 x (1 + erf(x / sqrt(2)))}. */
    default Tensor gelu() {
        Tensor x = self();
        return x.mul(x.mul(1 / Math.sqrt(2)).erf().add(1.0)).mul(0.5);
    }

    /**
     * GELU in its tanh form, {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} (PyTorch's
     * {@code approximate='tanh'}).
     */
    default Tensor geluTanh() {
        Tensor x = self();
        Tensor inner = x.add(x.pow(3.0).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        return x.mul(inner.tanh().add(1.0)).mul(0.5);
    }

    /**
     * {@code log(1 + exp(x))}, stable for all x: {@code max(x, 0) + log(1 + exp(-|x|))}.
     */
    default Tensor softplus() {
        Tensor x = self();
        // -|x| written as a where, not with abs: abs and relu both take gradient 0 at x = 0, which would make
        // softplus'(0) (and sigmoid'(0), tanh'(0)) 0 instead of 1/2 (1/4, 1). Here x = 0 takes the x branch.
        Tensor negAbs = Tensor.where(x.gt(Scalars.like(x, 0)), x.neg(), x);
        return x.relu().add(negAbs.exp().add(1.0).log());
    }

    /**
     * {@code exp(x) / sum(exp(x))} along {@code dim}: a fused primitive (one kernel; gradient
     * {@code y (g - sum(g y))}), checked against {@link #softmaxComposite(int)} by the op database.
     */
    Tensor softmax(int dim);

    /** The definition of {@link #softmax(int)}: shifted by the max for stability, then normalised. */
    default Tensor softmaxComposite(int dim) {
        Tensor x = self();
        org.jgrad.core.Shape.normalizeAxis(dim, x.rank(), "softmaxComposite");
        int[] axes = {dim};
        // The max of an empty input does not exist (its dim may be size 0); nothing to shift then.
        Tensor shifted = x.sub(Tensor.of(x.numel() == 0 ? x.data().sum(axes, true) : x.data().max(axes, true)));
        Tensor e = shifted.exp();
        return e.div(e.sum(new int[] {dim}, true));
    }

    /**
     * {@code x - logsumexp(x)} along {@code dim}: a fused primitive (gradient {@code g - exp(y) sum(g)}), checked
     * against {@link #logSoftmaxComposite(int)}.
     */
    Tensor logSoftmax(int dim);

    /** The definition of {@link #logSoftmax(int)}. */
    default Tensor logSoftmaxComposite(int dim) {
        Tensor x = self();
        org.jgrad.core.Shape.normalizeAxis(dim, x.rank(), "logSoftmaxComposite");
        return x.sub(x.logsumexp(new int[] {dim}, true));
    }
}
