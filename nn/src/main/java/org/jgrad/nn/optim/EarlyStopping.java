package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * Stops training once a monitored metric has not improved for {@code patience} consecutive epochs, where
 * improving means beating the best so far by more than {@code minDelta}; optionally it keeps a copy of the
 * best model state and puts it back when it says stop.
 *
 * <pre>{@code
 * EarlyStopping stopper = new EarlyStopping(5, 1e-4, MetricMode.MIN, true);
 * for (int epoch = 0; epoch < maxEpochs; epoch++) {
 *     train(model);
 *     if (stopper.step(validationLoss(model), model)) {
 *         break;   // model now holds the weights of epoch stopper.bestEpoch()
 *     }
 * }
 * }</pre>
 */
public final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private final MetricMode mode;
    private final boolean restoreBestWeights;

    private double best;
    private int bestEpoch = -1;
    private int epoch = -1;
    private int badEpochs;
    private Map<String, Tensor> bestState;

    /**
     * @param patience non-improving epochs after which to stop, >= 1
     * @param minDelta the smallest change that counts as an improvement, >= 0
     * @param mode whether lower ({@code MIN}) or higher ({@code MAX}) metrics are better
     * @param restoreBestWeights keep a copy of the model state at the best epoch, and load it back into the
     *     model when {@link #step} returns true
     */
    public EarlyStopping(int patience, double minDelta, MetricMode mode, boolean restoreBestWeights) {
        if (patience < 1) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 1, got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.mode = Objects.requireNonNull(mode, "EarlyStopping: mode is null");
        this.restoreBestWeights = restoreBestWeights;
        this.best = mode == MetricMode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Records one epoch's metric for {@code model}; returns true when training should stop, i.e. this is the
     * {@code patience}-th consecutive epoch without improvement (and every later one). A NaN metric never
     * improves. With {@code restoreBestWeights}, an improving epoch snapshots the model and the stopping
     * epoch loads the snapshot back.
     */
    public boolean step(double metric, Module model) {
        Objects.requireNonNull(model, "EarlyStopping.step: model is null");
        epoch++;
        boolean improved = mode == MetricMode.MIN ? metric < best - minDelta : metric > best + minDelta;
        if (improved) {
            best = metric;
            bestEpoch = epoch;
            badEpochs = 0;
            if (restoreBestWeights) {
                bestState = snapshot(model);
            }
            return false;
        }
        badEpochs++;
        boolean stop = badEpochs >= patience;
        if (stop && badEpochs == patience && restoreBestWeights && bestState != null) {
            restoreBest(model);
        }
        return stop;
    }

    private static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        try (var noGrad = GradMode.noGrad()) {
            // The best state outlives the MemoryScope of the step that found it.
            model.stateDict().forEach((k, v) -> copy.put(k, Optimizer.persistent(v.data().copy())));
        }
        return copy;
    }

    /**
     * Loads the state of the best epoch into {@code model} (strictly: same keys and shapes).
     *
     * @throws IllegalStateException if created without {@code restoreBestWeights} or no epoch improved yet
     */
    public void restoreBest(Module model) {
        if (bestState == null) {
            throw new IllegalStateException("EarlyStopping.restoreBest: no best state kept "
                    + (restoreBestWeights ? "yet (no epoch has improved)" : "(created with restoreBestWeights false)"));
        }
        model.loadStateDict(bestState, true);
    }

    /** The best metric so far (infinite before the first finite one). */
    public double bestMetric() {
        return best;
    }

    /** The epoch (0-based count of {@link #step} calls) of the best metric, or -1 before any improvement. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Consecutive non-improving epochs so far. */
    public int badEpochs() {
        return badEpochs;
    }

    /** True once {@link #step} has said stop. */
    public boolean stopped() {
        return badEpochs >= patience;
    }
}
