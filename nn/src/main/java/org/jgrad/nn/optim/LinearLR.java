package org.jgrad.nn.optim;

/**
 * Linear warm-up (or decay): the learning rate goes from {@code startFactor * baseLr} at epoch 0 to
 * {@code endFactor * baseLr} at epoch {@code totalIters} and stays there, as PyTorch's {@code LinearLR}:
 * {@code lr = baseLr * (start + (end - start) * min(epoch, totalIters) / totalIters)}.
 *
 * <pre>{@code
 * LRScheduler warmUp = new LinearLR(opt, 0.1, 1.0, 5);   // 10% of the base lr, reaching it after 5 epochs
 * }</pre>
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * @param startFactor the factor at epoch 0, in (0, 1]
     * @param endFactor the factor from epoch {@code totalIters} on, in [0, 1]
     * @param totalIters epochs of the ramp, >= 1
     */
    public LinearLR(Optimizer<?> optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: startFactor must be in (0, 1], got " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("LinearLR: endFactor must be in [0, 1], got " + endFactor);
        }
        if (totalIters < 1) {
            throw new IllegalArgumentException("LinearLR: totalIters must be >= 1, got " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double chainedLr(double lr, double baseLr) {
        int epoch = lastEpoch();
        if (epoch == 0) {
            return lr * startFactor;
        }
        if (epoch > totalIters) {
            return lr;
        }
        return lr * (1.0 + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    }

    @Override
    protected double closedFormLr(double baseLr) {
        return baseLr * (startFactor + (endFactor - startFactor) * Math.min(totalIters, lastEpoch()) / totalIters);
    }
}
