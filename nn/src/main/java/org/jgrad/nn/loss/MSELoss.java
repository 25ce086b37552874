package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Squared error {@code (input - target)^2} (PyTorch's {@code nn.MSELoss});
 * input and target must have the same shape (see {@link Loss#requireSameShape}).
 *
 * <pre>{@code
 * Tensor loss = new MSELoss().forward(prediction, target);
 * }</pre>
 */
public class MSELoss extends Loss {
    public MSELoss(Reduction reduction) {
        super(reduction);
    }

    /** MEAN reduction. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return input.mseLoss(target, reduction());
    }
}
