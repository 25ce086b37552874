package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Binary cross entropy of probabilities in [0, 1] against targets in [0, 1] (PyTorch's {@code nn.BCELoss}), each log clamped at -100 as PyTorch does; input and target shapes must be equal. Prefer {@link BCEWithLogitsLoss} on logits: it is exact where a sigmoid saturates.
 *
 * <pre>{@code
 * Tensor loss = new BCELoss().forward(logits.sigmoid(), labels);
 * }</pre>
 */
public class BCELoss extends Loss {
    public BCELoss(Reduction reduction) {
        super(reduction);
    }

    /** MEAN reduction. */
    public BCELoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return input.binaryCrossEntropy(target, reduction());
    }
}
