package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Cross entropy of logits {@code [N, C]} against class indices {@code [N]} (an integer tensor), i.e.
 * {@code logSoftmax} then negative log-likelihood (PyTorch's {@code nn.CrossEntropyLoss} for class-index
 * targets). Targets equal to {@code ignoreIndex} do not count (MEAN averages over the others);
 * {@code labelSmoothing} in [0, 1] mixes the uniform distribution over classes into the target.
 *
 * <pre>{@code
 * Tensor loss = new CrossEntropyLoss().forward(logits, labels);            // labels: I64 [N]
 * Tensor smooth = new CrossEntropyLoss(-100, 0.1, Reduction.MEAN).forward(logits, labels);
 * }</pre>
 */
public class CrossEntropyLoss extends Loss {
    private final int ignoreIndex;
    private final double labelSmoothing;

    public CrossEntropyLoss(int ignoreIndex, double labelSmoothing, Reduction reduction) {
        super(reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.ignoreIndex = ignoreIndex;
        this.labelSmoothing = labelSmoothing;
    }

    /** {@code ignoreIndex = -100}, no smoothing, with this reduction. */
    public CrossEntropyLoss(Reduction reduction) {
        this(-100, 0, reduction);
    }

    /** PyTorch's defaults: {@code ignoreIndex = -100}, no smoothing, MEAN. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return input.crossEntropy(target, ignoreIndex, labelSmoothing, reduction());
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", ignore_index=" + ignoreIndex + ", label_smoothing=" + labelSmoothing;
    }
}
