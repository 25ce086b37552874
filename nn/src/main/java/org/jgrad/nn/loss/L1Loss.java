package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Absolute error {@code |input - target|} (PyTorch's {@code nn.L1Loss});
 * input and target must have the same shape (see {@link Loss#requireSameShape}).
 *
 * <pre>{@code
 * Tensor loss = new L1Loss(Reduction.SUM).forward(prediction, target);
 * }</pre>
 */
public class L1Loss extends Loss {
    public L1Loss(Reduction reduction) {
        super(reduction);
    }

    /** MEAN reduction. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        return input.l1Loss(target, reduction());
    }
}
