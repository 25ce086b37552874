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

    /**
     * The regression losses (MSE, L1, Huber) refuse an input and a target of different shapes: the classic trap
     * is a model output {@code [N, 1]} against labels {@code [N]}, which broadcast to {@code [N, N]} and compare
     * every prediction with every label. PyTorch's {@code nn.MSELoss} only warns there; we raise, naming the fix.
     * (The functional {@code Tensor.mseLoss} and friends broadcast, as PyTorch's {@code F.mse_loss} does.)
     */
    protected void requireSameShape(Tensor input, Tensor target) {
        if (input.shape().equals(target.shape())) {
            return;
        }
        String name = getClass().getSimpleName();
        String hint = input.rank() == target.rank() + 1 && input.shape().dim(input.rank() - 1) == 1
                ? "; for an output [N, 1] and labels [N], use target.reshape(-1, 1) or input.reshape(-1)"
                : "; reshape one of them";
        throw new IllegalArgumentException(name + ": input shape " + input.shape() + " and target shape "
                + target.shape() + " differ: broadcasting them would compare every element with every other"
                + " (PyTorch only warns here, jgrad refuses)" + hint);
    }

    @Override
    protected String extraRepr() {
        return "reduction='" + reduction.name().toLowerCase(Locale.ROOT) + "'";
    }
}
