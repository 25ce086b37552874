package org.jgrad.nn.optim;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jgrad.autograd.Tensor;

/**
 * Parameters that share hyper-parameters, as PyTorch's {@code param_groups} entries: e.g. no weight decay on
 * biases, or a smaller learning rate for a pretrained backbone. The options are replaceable ({@link #setLr},
 * {@link #setOptions}); the parameter list is fixed.
 *
 * <pre>{@code
 * AdamW opt = new AdamW(List.of(
 *         new ParamGroup<>(weights, new AdamW.Options().lr(1e-3)),
 *         new ParamGroup<>(biases, new AdamW.Options().lr(1e-3).weightDecay(0))));
 * opt.paramGroups().get(1).setLr(1e-4);
 * }</pre>
 *
 * @param <O> the options record of the optimizer this group is for
 */
public final class ParamGroup<O extends OptimizerOptions> {
    private final List<Tensor> params;
    private O options;
    private double initialLr = Double.NaN;

    /** A group of {@code params} (copied, order kept) with {@code options} (validated). */
    public ParamGroup(List<Tensor> params, O options) {
        Objects.requireNonNull(params, "ParamGroup: params is null");
        Objects.requireNonNull(options, "ParamGroup: options is null");
        for (int i = 0; i < params.size(); i++) {
            Objects.requireNonNull(params.get(i), "ParamGroup: parameter " + i + " is null");
        }
        options.validate();
        this.params = List.copyOf(params);
        this.options = options;
    }

    /** The parameters, in order (unmodifiable). */
    public List<Tensor> params() {
        return params;
    }

    public O options() {
        return options;
    }

    /** Replaces the hyper-parameters after validating them; the optimizer uses them from its next step. */
    public void setOptions(O options) {
        Objects.requireNonNull(options, "ParamGroup.setOptions: options is null");
        options.validate();
        this.options = options;
    }

    /** The current learning rate. */
    public double lr() {
        return options.lr();
    }

    /** Sets the learning rate (what schedules do); it must be >= 0. */
    @SuppressWarnings("unchecked")   // every options record narrows lr(double) to its own type
    public void setLr(double lr) {
        setOptions((O) options.lr(lr));
    }

    /**
     * The learning rate this group had when the first schedule was attached (PyTorch's {@code initial_lr}),
     * the base of the schedules' closed forms; empty when none was attached.
     */
    public OptionalDouble initialLr() {
        return Double.isNaN(initialLr) ? OptionalDouble.empty() : OptionalDouble.of(initialLr);
    }

    /** Sets (or with NaN, clears) {@link #initialLr()}; used by schedules and by loading a saved state. */
    void setInitialLr(double value) {
        this.initialLr = value;
    }

    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " params, " + options + ")";
    }
}
