package org.jgrad.nn.loss;

import java.util.Locale;
import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;
import org.jgrad.nn.Module;

/**
 * A loss as a module (PyTorch's {@code nn.*Loss}): {@link #forward(Tensor, Tensor)} compares an input with a
 * target and reduces the per-element losses by its {@link Reduction} (MEAN by default). Losses hold no
 * parameters; being modules, they print and nest like layers.
 *
 * <pre>{@code
 * Loss lossFn = new CrossEntropyLoss();
 * Tensor loss = lossFn.forward(model.forward(x), labels);
 * loss.backward();
 * }</pre>
 */
public abstract class Loss extends Module {
    private final Reduction reduction;

    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, () -> getClass().getSimpleName() + ": reduction is null");
    }

    /** The loss of {@code input} against {@code target}, reduced. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Always fails: a loss needs a target too. */
    @Override
    public final Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " needs (input, target): call"
                + " forward(input, target)");
    }

    public Reduction reduction() {
        return reduction;
    }

    @Override
    protected String extraRepr() {
        return "reduction='" + reduction.name().toLowerCase(Locale.ROOT) + "'";
    }
}
