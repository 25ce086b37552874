package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multiplies the learning rates by {@code factor} when a metric has stopped improving for more than
 * {@code patience} epochs, as PyTorch's {@code ReduceLROnPlateau}. An epoch improves when the metric beats the
 * best so far by the threshold ({@link ThresholdMode}); after a reduction, {@code cooldown} epochs pass before
 * bad epochs are counted again. No learning rate goes below {@code minLr}, and a change smaller than
 * {@code eps} is not made.
 *
 * <pre>{@code
 * ReduceLROnPlateau s = new ReduceLROnPlateau(opt, MetricMode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
 * for (...) { train(opt); s.step(validationLoss()); }
 * }</pre>
 */
public final class ReduceLROnPlateau {
    private final Optimizer<?> optimizer;
    private final MetricMode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final int cooldown;
    private final double minLr;
    private final double eps;

    private double best;
    private int numBadEpochs;
    private int cooldownCounter;
    private int lastEpoch;

    /** PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold 1e-4 relative, no cooldown, minLr 0, eps 1e-8. */
    public ReduceLROnPlateau(Optimizer<?> optimizer) {
        this(optimizer, MetricMode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
    }

    /**
     * @param factor the multiplier of a reduction, in [0, 1)
     * @param patience bad epochs tolerated before reducing, >= 0
     * @param threshold the significant improvement, >= 0
     * @param cooldown epochs after a reduction during which bad epochs are not counted, >= 0
     * @param minLr the lower bound of every group's learning rate, >= 0
     * @param eps the smallest change worth making, >= 0
     */
    public ReduceLROnPlateau(Optimizer<?> optimizer, MetricMode mode, double factor, int patience, double threshold,
            ThresholdMode thresholdMode, int cooldown, double minLr, double eps) {
        this.optimizer = Objects.requireNonNull(optimizer, "ReduceLROnPlateau: optimizer is null");
        this.mode = Objects.requireNonNull(mode, "ReduceLROnPlateau: mode is null");
        this.thresholdMode = Objects.requireNonNull(thresholdMode, "ReduceLROnPlateau: thresholdMode is null");
        if (!(factor < 1.0 && factor >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor should be < 1.0 (and >= 0), got " + factor);
        }
        require(patience >= 0, "patience", patience);
        require(threshold >= 0, "threshold", threshold);
        require(cooldown >= 0, "cooldown", cooldown);
        require(minLr >= 0, "minLr", minLr);
        require(eps >= 0, "eps", eps);
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.eps = eps;
        this.best = mode == MetricMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private static void require(boolean ok, String name, double value) {
        if (!ok) {
            throw new IllegalArgumentException("ReduceLROnPlateau: " + name + " must be >= 0, got " + value);
        }
    }

    /** Records this epoch's metric, reducing the learning rates if it has plateaued. */
    public void step(double metric) {
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;   // bad epochs during the cooldown are ignored
        }
        if (numBadEpochs > patience) {
            reduceLr();
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        return switch (mode) {
            case MIN -> thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
            case MAX -> thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1) : a > best + threshold;
        };
    }

    private void reduceLr() {
        for (ParamGroup<?> g : optimizer.paramGroups()) {
            double old = g.lr();
            double lr = Math.max(old * factor, minLr);
            if (old - lr > eps) {
                g.setLr(lr);
            }
        }
    }

    /** Each group's current learning rate. */
    public double[] lastLr() {
        List<? extends ParamGroup<?>> groups = optimizer.paramGroups();
        return groups.stream().mapToDouble(ParamGroup::lr).toArray();
    }

    /** The best metric so far (infinite before the first step). */
    public double best() {
        return best;
    }

    /** Non-improving epochs counted since the last improvement or reduction. */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /** Epochs stepped so far. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** {@code best}, {@code numBadEpochs}, {@code cooldownCounter} and {@code lastEpoch}. */
    public Map<String, Double> stateDict() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("best", best);
        s.put("numBadEpochs", (double) numBadEpochs);
        s.put("cooldownCounter", (double) cooldownCounter);
        s.put("lastEpoch", (double) lastEpoch);
        return s;
    }

    /** Restores {@link #stateDict()}'s output; checks all of it first, changing nothing on a mismatch. */
    public void loadStateDict(Map<String, Double> state) {
        if (!state.keySet().equals(stateDict().keySet())) {
            throw new IllegalArgumentException("ReduceLROnPlateau.loadStateDict: expected the keys "
                    + stateDict().keySet() + ", got " + state.keySet());
        }
        int bad = count(state, "numBadEpochs");
        int cool = count(state, "cooldownCounter");
        int epoch = count(state, "lastEpoch");
        double b = state.get("best");
        if (Double.isNaN(b)) {
            throw new IllegalArgumentException("ReduceLROnPlateau.loadStateDict: best is NaN");
        }
        best = b;
        numBadEpochs = bad;
        cooldownCounter = cool;
        lastEpoch = epoch;
    }

    private static int count(Map<String, Double> state, String key) {
        double v = state.get(key);
        if (v != Math.rint(v) || v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ReduceLROnPlateau.loadStateDict: " + key
                    + " must be a count (integer >= 0), got " + v);
        }
        return (int) v;
    }
}
