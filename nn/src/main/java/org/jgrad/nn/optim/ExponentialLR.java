package org.jgrad.nn.optim;

/**
 * Multiplies the learning rate by {@code gamma} every epoch, as PyTorch's {@code ExponentialLR}:
 * {@code lr = baseLr * gamma^epoch}.
 *
 * <pre>{@code
 * LRScheduler s = new ExponentialLR(opt, 0.95);
 * }</pre>
 */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /** @param gamma the decay factor per epoch, >= 0 */
    public ExponentialLR(Optimizer<?> optimizer, double gamma) {
        super(optimizer);
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("ExponentialLR: gamma must be >= 0, got " + gamma);
        }
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double chainedLr(double lr, double baseLr) {
        return lastEpoch() == 0 ? lr : lr * gamma;
    }

    @Override
    protected double closedFormLr(double baseLr) {
        return baseLr * Math.pow(gamma, lastEpoch());
    }
}
