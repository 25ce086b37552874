package org.jgrad.nn.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schedules one after another, as PyTorch's {@code SequentialLR}: schedule {@code k} is in charge from
 * epoch {@code milestones[k-1]} on, and starts there at its own epoch 0 (its closed form), e.g. a linear
 * warm-up followed by cosine annealing. Creating it undoes the initial steps of the given schedules and redoes
 * the first one's, so the learning rates start from the first schedule's epoch 0.
 *
 * <pre>{@code
 * LRScheduler warmUp = new LinearLR(opt, 0.1, 1.0, 5);
 * LRScheduler cosine = new CosineAnnealingLR(opt, 95, 0.0);
 * SequentialLR s = new SequentialLR(opt, List.of(warmUp, cosine), new int[] {5});
 * }</pre>
 */
public final class SequentialLR {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;
    private int lastEpoch = 0;
    private double[] lastLr;

    /**
     * @param schedulers the schedules, all of {@code optimizer}, created just before (each has done only its
     *     initial step)
     * @param milestones the epochs at which the next schedule takes over, increasing, one fewer than schedules
     */
    public SequentialLR(Optimizer<?> optimizer, List<LRScheduler> schedulers, int[] milestones) {
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("SequentialLR: expects at least one scheduler");
        }
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("SequentialLR: expects all schedulers to belong to the same"
                        + " optimizer, but the scheduler at index " + i + " belongs to another one");
            }
        }
        if (milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("SequentialLR: expects one milestone fewer than schedulers, but got "
                    + schedulers.size() + " schedulers and " + milestones.length + " milestones "
                    + Arrays.toString(milestones));
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1])) {
                throw new IllegalArgumentException("SequentialLR: milestones must be increasing and >= 1, got "
                        + Arrays.toString(milestones));
            }
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        for (ParamGroup<?> g : optimizer.paramGroups()) {
            g.setLr(g.initialLr().getAsDouble());
        }
        schedulers.forEach(LRScheduler::rewindEpoch);
        schedulers.get(0).initialStep();
        lastLr = schedulers.get(0).lastLr();
    }

    /** Advances one epoch, stepping the schedule in charge (or starting the next one at a milestone). */
    public void step() {
        lastEpoch++;
        int idx = bisectRight(lastEpoch);
        LRScheduler s = schedulers.get(idx);
        if (idx > 0 && milestones[idx - 1] == lastEpoch) {
            s.stepTo(0);
        } else {
            s.step();
        }
        lastLr = s.lastLr();
    }

    private int bisectRight(int epoch) {
        int i = 0;
        while (i < milestones.length && milestones[i] <= epoch) {
            i++;
        }
        return i;
    }

    /** The learning rate of each group set by the last step. */
    public double[] lastLr() {
        return lastLr.clone();
    }

    /** The epoch of the last step: 0 right after construction. */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** {@code lastEpoch}, {@code lastLr.<i>}, and each schedule's state under {@code <k>.}. */
    public Map<String, Double> stateDict() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("lastEpoch", (double) lastEpoch);
        for (int i = 0; i < lastLr.length; i++) {
            s.put("lastLr." + i, lastLr[i]);
        }
        for (int k = 0; k < schedulers.size(); k++) {
            String prefix = k + ".";
            schedulers.get(k).stateDict().forEach((key, v) -> s.put(prefix + key, v));
        }
        return s;
    }

    /** Restores {@link #stateDict()}'s output (each schedule's part is checked before anything is set). */
    public void loadStateDict(Map<String, Double> state) {
        Double epoch = state.get("lastEpoch");
        if (epoch == null || epoch != Math.rint(epoch) || epoch < 0) {
            throw new IllegalArgumentException("SequentialLR.loadStateDict: lastEpoch must be an integer >= 0, got "
                    + epoch);
        }
        double[] last = new double[lastLr.length];
        for (int i = 0; i < last.length; i++) {
            Double v = state.get("lastLr." + i);
            if (v == null) {
                throw new IllegalArgumentException("SequentialLR.loadStateDict: missing lastLr." + i + " in "
                        + state.keySet());
            }
            last[i] = v;
        }
        // Load into copies first: a failure in a later schedule must not leave an earlier one changed.
        List<Map<String, Double>> parts = new java.util.ArrayList<>();
        for (int k = 0; k < schedulers.size(); k++) {
            String prefix = k + ".";
            Map<String, Double> part = new LinkedHashMap<>();
            state.forEach((key, v) -> {
                if (key.startsWith(prefix)) {
                    part.put(key.substring(prefix.length()), v);
                }
            });
            parts.add(part);
        }
        List<Map<String, Double>> before = schedulers.stream().map(LRScheduler::stateDict).toList();
        try {
            for (int k = 0; k < schedulers.size(); k++) {
                schedulers.get(k).loadStateDict(parts.get(k));
            }
        } catch (IllegalArgumentException e) {
            for (int k = 0; k < schedulers.size(); k++) {
                schedulers.get(k).loadStateDict(before.get(k));
            }
            throw e;
        }
        lastLr = last;
        lastEpoch = epoch.intValue();
    }
}
