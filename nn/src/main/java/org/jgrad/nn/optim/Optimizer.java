package org.jgrad.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;

/**
 * Updates parameters from their gradients, as PyTorch's {@code torch.optim.Optimizer}: it holds
 * {@link ParamGroup}s, each with its own hyper-parameters, and per-parameter state (momentum buffers, moment
 * estimates, step counts) created on a parameter's first update. Updates are done in place, in the
 * parameter's dtype, so modules keep their parameter objects.
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), new SGD.Options(0.1).momentum(0.9));
 * opt.zeroGrad();
 * loss.backward();
 * opt.step();
 * OptimizerState saved = opt.stateDict();   // for a checkpoint; loadStateDict(saved) resumes exactly
 * }</pre>
 *
 * @param <O> the options record of the concrete optimizer
 */
public abstract class Optimizer<O extends OptimizerOptions> {
    private final List<ParamGroup<O>> groups;
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();
    /** Each parameter's step count on the host, so that a step never reads {@code state.step} back (SPI v2). */
    private final Map<Tensor, long[]> stepCounts = new IdentityHashMap<>();

    /**
     * An optimizer over {@code groups}. There must be at least one parameter; each must be a floating leaf,
     * and none may appear twice (within or across groups).
     */
    protected Optimizer(List<ParamGroup<O>> groups) {
        Objects.requireNonNull(groups, name() + ": groups is null");
        if (groups.isEmpty() || groups.stream().allMatch(g -> g.params().isEmpty())) {
            throw new IllegalArgumentException(name() + ": got an empty parameter list");
        }
        Map<Tensor, String> seen = new IdentityHashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> params = Objects.requireNonNull(groups.get(g), name() + ": param group " + g + " is null").params();
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                String where = "parameter " + i + " of param group " + g + " (shape " + p.shape() + ")";
                if (!p.isLeaf()) {
                    throw new IllegalArgumentException(name() + ": can't optimize a non-leaf tensor: " + where
                            + " was made by " + p.gradFn() + "; pass the leaf (or detach() it and set requiresGrad)");
                }
                if (!p.dtype().isFloating()) {
                    throw new IllegalArgumentException(name() + ": " + where + " is " + p.dtype()
                            + "; only floating tensors can be optimized");
                }
                String first = seen.putIfAbsent(p, where);
                if (first != null) {
                    throw new IllegalArgumentException(name() + ": " + where + " is the same tensor as " + first
                            + "; a parameter may appear only once across all param groups");
                }
            }
        }
        this.groups = List.copyOf(groups);
    }

    /** A single group of {@code params} with {@code options}, for the concrete optimizers' constructors. */
    protected static <O extends OptimizerOptions> List<ParamGroup<O>> oneGroup(List<Tensor> params, O options) {
        return List.of(new ParamGroup<>(params, options));
    }

    /** The optimizer's name in messages and saved states: its class name, as in PyTorch. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The param groups, in order (the list is fixed; each group's options can be changed). */
    public List<ParamGroup<O>> paramGroups() {
        return groups;
    }

    /**
     * One update of every parameter that has a gradient; parameters whose grad is null are skipped (their
     * state is not created or advanced), as in PyTorch. Runs without recording a graph.
     */
    public final void step() {
        try (var noGrad = GradMode.noGrad()) {
            for (int g = 0; g < groups.size(); g++) {
                ParamGroup<O> group = groups.get(g);
                List<Tensor> params = group.params();
                for (int i = 0; i < params.size(); i++) {
                    Tensor p = params.get(i);
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;
                    }
                    if (!grad.shape().equals(p.shape()) || grad.dtype() != p.dtype()) {
                        throw new IllegalStateException(name() + ".step: parameter " + i + " of param group " + g
                                + " is " + p.dtype() + " " + p.shape() + " but its grad is " + grad.dtype() + " "
                                + grad.shape());
                    }
                    update(p, grad, group.options(), state.computeIfAbsent(p, k -> new LinkedHashMap<>()));
                }
            }
        }
    }

    /**
     * Updates {@code param} in place from {@code grad} (same shape and dtype, recording off), using and
     * advancing {@code state}, the parameter's mutable state map (empty before its first update).
     */
    protected abstract void update(Tensor param, Tensor grad, O options, Map<String, Tensor> state);

    /** Every name a parameter's state may hold, e.g. {@code exp_avg}; loading rejects any other. */
    protected abstract Set<String> stateNames();

    /**
     * The names a parameter's state holds after an update with {@code options}; loading rejects a parameter
     * state that lacks one of them.
     */
    protected abstract Set<String> stateNames(O options);

    /** Reads this optimizer's options back from {@link OptimizerOptions#toMap()} form (not yet validated). */
    protected abstract O optionsFromMap(Map<String, Object> values);

    /** Forgets every parameter's gradient ({@code grad = null}, PyTorch's {@code set_to_none}). */
    public void zeroGrad() {
        groups.forEach(g -> g.params().forEach(Tensor::zeroGrad));
    }

    /** {@code param}'s state by name (empty before its first update); a read-only view. */
    public Map<String, Tensor> state(Tensor param) {
        Map<String, Tensor> s = state.get(param);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    // ---------------------------------------------------------------- helpers for update()

    /** The state buffer {@code name}, created as zeros like {@code param} on first use. */
    protected static Tensor buffer(Map<String, Tensor> state, String name, Tensor param) {
        return state.computeIfAbsent(name, k -> persistent(param.creation().zeros(param.dtype(), param.shape().toArray())));
    }

    /** Optimizer state outlives the {@link MemoryScope} of the step that creates it. */
    protected static Tensor persistent(NDArray value) {
        MemoryScope.persist(value.storage());
        return Tensor.of(value);
    }

    /**
     * Advances {@code param}'s step count and returns the new count. The count is kept on the host and mirrored
     * into {@code state.step} (a float32 scalar tensor, as PyTorch's {@code torch.tensor(0.)}) with an in-place
     * add that is never read back: on a device backend, reading it would wait for the device every step.
     */
    protected final long incrementStep(Tensor param, Map<String, Tensor> state) {
        long[] count = stepCounts.computeIfAbsent(param, k -> new long[1]);
        state.computeIfAbsent("step", k -> persistent(param.creation().scalar(0, DType.F32))).add_(1.0);
        return ++count[0];
    }

    // ---------------------------------------------------------------- saving and loading

    /**
     * A snapshot of the state (the tensors are copies): per-parameter tensors keyed {@code state.<i>.<name>}
     * by the parameter's position across groups, and each group's options and parameter positions.
     */
    public OptimizerState stateDict() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<OptimizerState.Group> saved = new ArrayList<>();
        int index = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (ParamGroup<O> group : groups) {
                List<Integer> ids = new ArrayList<>();
                for (Tensor p : group.params()) {
                    int id = index++;
                    ids.add(id);
                    state(p).forEach((name, t) -> tensors.put(OptimizerState.key(id, name), t.copy()));
                }
                saved.add(new OptimizerState.Group(group.options().toMap(), group.initialLr(), ids));
            }
        }
        return new OptimizerState(name(), tensors, saved);
    }

    /**
     * Restores a state saved by {@link #stateDict()} of an optimizer of the same type over the same
     * parameter structure: the groups' options (learning rates included) and every parameter's state.
     * As in PyTorch, the i-th parameter listed in the saved groups maps to the i-th parameter here.
     * Everything is checked first (optimizer type, group count, parameters per group, options, state names,
     * state shapes); on any mismatch nothing changes and the error says what differed.
     */
    public void loadStateDict(OptimizerState saved) {
        StateLoader.Plan<O> plan = new StateLoader<>(this).check(saved);
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).setOptions(plan.options().get(g));
            OptionalDouble initialLr = saved.paramGroups().get(g).initialLr();
            groups.get(g).setInitialLr(initialLr.orElse(Double.NaN));
        }
        state.clear();
        stepCounts.clear();
        try (var noGrad = GradMode.noGrad()) {
            plan.state().forEach((param, values) -> {
                Map<String, Tensor> copied = new LinkedHashMap<>();
                values.forEach((name, t) -> {
                    if (name.equals("step")) {
                        double count = t.item();   // once per load, not per step
                        stepCounts.put(param, new long[] {(long) count});
                        copied.put(name, persistent(param.creation().scalar(count, DType.F32)));
                    } else {
                        copied.put(name, persistent(t.data().to(param.dtype()).copy()));
                    }
                });
                state.put(param, copied);
            });
        }
    }

    /** The parameters in saved-state order (all groups, in order). */
    List<Tensor> allParams() {
        List<Tensor> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.params()));
        return all;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name()).append(" (");
        for (int g = 0; g < groups.size(); g++) {
            out.append("\n  group ").append(g).append(": ").append(groups.get(g).params().size())
                    .append(" params, ").append(groups.get(g).options());
        }
        return out.append("\n)").toString();
    }
}
