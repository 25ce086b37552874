package org.jgrad.nn.optim;

/**
 * Cosine annealing from the base learning rate down to {@code etaMin} over {@code tMax} epochs, as PyTorch's
 * {@code CosineAnnealingLR} (SGDR without restarts):
 * {@code lr = etaMin + (baseLr - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}.
 * Stepping uses PyTorch's recursive form, so past {@code tMax} the learning rate follows the cosine back up
 * rather than staying at {@code etaMin}, exactly as in PyTorch.
 *
 * <pre>{@code
 * LRScheduler s = new CosineAnnealingLR(opt, 100, 1e-5);
 * }</pre>
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * @param tMax epochs of the half cosine, >= 1
     * @param etaMin the smallest learning rate, >= 0
     */
    public CosineAnnealingLR(Optimizer<?> optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be >= 1, got " + tMax);
        }
        if (!(etaMin >= 0)) {
            throw new IllegalArgumentException("CosineAnnealingLR: etaMin must be >= 0, got " + etaMin);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double chainedLr(double lr, double baseLr) {
        int epoch = lastEpoch();
        if (epoch == 0) {
            return lr;
        }
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            // At the bottom of the cosine the ratio below would be 0/0; PyTorch adds the step up explicitly.
            return lr + (baseLr - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (lr - etaMin) + etaMin;
    }

    @Override
    protected double closedFormLr(double baseLr) {
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * lastEpoch() / tMax)) / 2;
    }
}
