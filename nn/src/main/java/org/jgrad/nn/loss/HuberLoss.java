package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Huber loss (PyTorch's {@code nn.HuberLoss}): with {@code d = input - target}, {@code 0.5 d^2} where
 * {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}; quadratic near 0 and linear in the tails, so
 * outliers pull with bounded force. Shapes broadcast.
 *
 * <pre>{@code
 * Tensor loss = new HuberLoss(1.0).forward(prediction, target);
 * }</pre>
 */
public class HuberLoss extends Loss {
    private final double delta;

    /** @param delta where the loss turns from quadratic to linear; positive */
    public HuberLoss(double delta, Reduction reduction) {
        super(reduction);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("HuberLoss: delta must be positive and finite, got " + delta);
        }
        this.delta = delta;
    }

    /** MEAN reduction. */
    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** {@code delta = 1}, MEAN reduction: PyTorch's defaults. */
    public HuberLoss() {
        this(1.0);
    }

    public double delta() {
        return delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return input.huberLoss(target, delta, reduction());
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", delta=" + delta;
    }
}
