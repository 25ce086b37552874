package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A learning-rate schedule stepped once per epoch, as PyTorch's {@code _LRScheduler}: {@link #step()} advances
 * the epoch count and sets every param group's {@code lr}. Creating a schedule performs PyTorch's initial step
 * (epoch 0), which already applies the schedule's starting factor (e.g. {@link LinearLR}'s warm-up start).
 * Each group's base learning rate is its {@link ParamGroup#initialLr()}, recorded when the first schedule is
 * attached.
 *
 * <p>As in PyTorch, {@link #step()} uses the chainable (recursive) form, which multiplies the current learning
 * rate, so that schedules compose; {@link SequentialLR} jumps to epoch 0 of the next schedule with its closed
 * form.
 *
 * <pre>{@code
 * LRScheduler s = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     train(opt);
 *     s.step();           // lr 0.1 for epochs 0..29, 0.01 for 30..59, ...
 * }
 * }</pre>
 */
public abstract class LRScheduler {
    private final Optimizer<?> optimizer;
    private double[] baseLrs;
    private int lastEpoch = -1;
    private double[] lastLr;

    /** Changes nothing yet: subclasses check their arguments, then end their constructor with {@link #initialStep()}. */
    protected LRScheduler(Optimizer<?> optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, getClass().getSimpleName() + ": optimizer is null");
    }

    /**
     * PyTorch's initial step: records each group's {@code initialLr} if unset, takes it as the group's base,
     * and steps to epoch 0. Called last by every subclass constructor, once its fields are set and checked.
     */
    protected final void initialStep() {
        if (baseLrs == null) {
            List<? extends ParamGroup<?>> groups = optimizer.paramGroups();
            baseLrs = new double[groups.size()];
            for (int i = 0; i < baseLrs.length; i++) {
                ParamGroup<?> g = groups.get(i);
                if (g.initialLr().isEmpty()) {
                    g.setInitialLr(g.lr());
                }
                baseLrs[i] = g.initialLr().getAsDouble();
            }
        }
        step();
    }

    /** The learning rate of a group at {@link #lastEpoch()} from its current {@code lr} (the chainable form). */
    protected abstract double chainedLr(double lr, double baseLr);

    /** The learning rate of a group at {@link #lastEpoch()} from its base learning rate alone. */
    protected abstract double closedFormLr(double baseLr);

    /** Advances one epoch and sets each group's learning rate. */
    public void step() {
        lastEpoch++;
        List<? extends ParamGroup<?>> groups = optimizer.paramGroups();
        double[] lrs = new double[groups.size()];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = chainedLr(groups.get(i).lr(), baseLrs[i]);
        }
        apply(lrs);
    }

    /** Jumps to {@code epoch} with the closed form (PyTorch's {@code step(epoch)}, used by SequentialLR). */
    void stepTo(int epoch) {
        lastEpoch = epoch;
        double[] lrs = new double[baseLrs.length];
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = closedFormLr(baseLrs[i]);
        }
        apply(lrs);
    }

    private void apply(double[] lrs) {
        List<? extends ParamGroup<?>> groups = optimizer.paramGroups();
        for (int i = 0; i < lrs.length; i++) {
            groups.get(i).setLr(lrs[i]);
        }
        lastLr = lrs;
    }

    /** The learning rate of each group set by the last step. */
    public double[] lastLr() {
        return lastLr.clone();
    }

    /** The epoch of the last step: 0 right after construction. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** Each group's base learning rate (its {@code initialLr}). */
    public double[] baseLrs() {
        return baseLrs.clone();
    }

    public Optimizer<?> optimizer() {
        return optimizer;
    }

    /** Undoes the count of the initial step, for SequentialLR, which redoes it for its first schedule only. */
    void rewindEpoch() {
        lastEpoch--;
    }

    /**
     * The schedule's progress ({@code lastEpoch}, and per group {@code baseLr.<i>}, {@code lastLr.<i>}); its
     * settings are constructor arguments, and the optimizer's state holds the current learning rates.
     */
    public Map<String, Double> stateDict() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("lastEpoch", (double) lastEpoch);
        for (int i = 0; i < baseLrs.length; i++) {
            s.put("baseLr." + i, baseLrs[i]);
        }
        for (int i = 0; i < lastLr.length; i++) {
            s.put("lastLr." + i, lastLr[i]);
        }
        return s;
    }

    /** Restores {@link #stateDict()}'s output; checks all of it first, changing nothing on a mismatch. */
    public void loadStateDict(Map<String, Double> state) {
        String name = getClass().getSimpleName() + ".loadStateDict: ";
        int n = baseLrs.length;
        Double epoch = state.get("lastEpoch");
        if (epoch == null || epoch != Math.rint(epoch) || epoch < -1) {
            throw new IllegalArgumentException(name + "lastEpoch must be an integer >= -1, got " + epoch);
        }
        if (state.size() != 1 + 2 * n) {
            throw new IllegalArgumentException(name + "expected lastEpoch, baseLr.0.." + (n - 1) + " and lastLr.0.."
                    + (n - 1) + " for " + n + " param groups, got keys " + state.keySet());
        }
        double[] base = new double[n];
        double[] last = new double[n];
        for (int i = 0; i < n; i++) {
            Double b = state.get("baseLr." + i);
            Double l = state.get("lastLr." + i);
            if (b == null || l == null) {
                throw new IllegalArgumentException(name + "missing baseLr." + i + " or lastLr." + i + " in "
                        + state.keySet());
            }
            base[i] = b;
            last[i] = l;
        }
        System.arraycopy(base, 0, baseLrs, 0, n);
        lastLr = last;
        lastEpoch = epoch.intValue();
    }
}
