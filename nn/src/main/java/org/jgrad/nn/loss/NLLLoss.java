package org.jgrad.nn.loss;

import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;

/**
 * Negative log-likelihood of log-probabilities {@code [N, C]} at class indices {@code [N]} (PyTorch's
 * {@code nn.NLLLoss}): {@code -input[i, target[i]]}. Targets equal to {@code ignoreIndex} do not count (MEAN
 * averages over the others).
 *
 * <pre>{@code
 * Tensor loss = new NLLLoss().forward(logits.logSoftmax(1), labels);   // = CrossEntropyLoss on logits
 * }</pre>
 */
public class NLLLoss extends Loss {
    private final int ignoreIndex;

    public NLLLoss(int ignoreIndex, Reduction reduction) {
        super(reduction);
        this.ignoreIndex = ignoreIndex;
    }

    /** MEAN reduction. */
    public NLLLoss(int ignoreIndex) {
        this(ignoreIndex, Reduction.MEAN);
    }

    /** PyTorch's defaults: {@code ignoreIndex = -100}, MEAN. */
    public NLLLoss() {
        this(-100);
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return input.nllLoss(target, ignoreIndex, reduction());
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", ignore_index=" + ignoreIndex;
    }
}
