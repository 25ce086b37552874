package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Binary cross entropy on logits, {@code softplus(x) - x * target} (PyTorch's {@code nn.BCEWithLogitsLoss}), exact for logits of any size; input and target shapes must be equal.
 *
 * <pre>{@code
 * Tensor loss = new BCEWithLogitsLoss().forward(logits, labels);   // labels as floats in [0, 1]
 * }</pre>
 */
public class BCEWithLogitsLoss extends Loss {
    public BCEWithLogitsLoss(Reduction reduction) {
        super(reduction);
    }

    /** MEAN reduction. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return input.binaryCrossEntropyWithLogits(target, reduction());
    }
}
