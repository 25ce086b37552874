package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The average (over non-ignored targets where a loss ignores some). */
    MEAN,
    /** The sum. */
    SUM,
    /** No reduction: one value per element (or per sample). */
    NONE;

    /** Applies this reduction to per-element losses. */
    public Tensor apply(Tensor losses) {
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
        };
    }
}
