package org.jgrad.examples.search;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * The contrastive loss of CLIP over a batch of matching pairs (text i belongs with product i): cosine
 * similarities of every text with every product, divided by a temperature, then cross-entropy towards the
 * diagonal in both directions (text to product and product to text), averaged. The other items of the batch are
 * the negatives.
 *
 * <pre>{@code
 * Tensor loss = InfoNce.loss(textEncoder.forward(ids), imageVectors, 0.1);
 * loss.backward();
 * }</pre>
 */
public final class InfoNce {
    private InfoNce() {
    }

    /** {@code a}, {@code b}: {@code [B, D]} with row i of each a matching pair; a scalar loss. */
    public static Tensor loss(Tensor a, Tensor b, double temperature) {
        if (a.rank() != 2 || !a.shape().equals(b.shape())) {
            throw new IllegalArgumentException("InfoNce: expected two [B, D] batches of the same shape, got "
                    + a.shape() + " and " + b.shape());
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("InfoNce: temperature must be positive, got " + temperature);
        }
        Tensor logits = a.normalize(2, 1, 1e-12).matmul(b.normalize(2, 1, 1e-12).transpose(0, 1)).div(temperature);
        Tensor diagonal = Tensor.of(NDArray.on().arange(0, a.size(0), 1, DType.I64));
        return logits.crossEntropy(diagonal).add(logits.transpose(0, 1).crossEntropy(diagonal)).div(2);
    }
}
