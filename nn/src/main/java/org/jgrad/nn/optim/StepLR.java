package org.jgrad.nn.optim;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's {@code StepLR}:
 * {@code lr = baseLr * gamma^(epoch / stepSize)}.
 *
 * <pre>{@code
 * LRScheduler s = new StepLR(opt, 30, 0.1);   // base lr for epochs 0..29, base * 0.1 for 30..59, ...
 * }</pre>
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * @param stepSize epochs between decays, >= 1
     * @param gamma the decay factor, >= 0
     */
    public StepLR(Optimizer<?> optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
        }
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("StepLR: gamma must be >= 0, got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double chainedLr(double lr, double baseLr) {
        int epoch = lastEpoch();
        return epoch == 0 || epoch % stepSize != 0 ? lr : lr * gamma;
    }

    @Override
    protected double closedFormLr(double baseLr) {
        return baseLr * Math.pow(gamma, Math.floorDiv(lastEpoch(), stepSize));
    }
}
