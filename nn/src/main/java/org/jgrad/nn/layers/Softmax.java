package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Shape;
import org.jgrad.nn.Module;

/**
 * {@code exp(x) / sum(exp(x))} along {@code dim} (PyTorch's {@code nn.Softmax}; the dim is required, as
 * PyTorch's implicit choice is deprecated). Negative dims count from the end.
 *
 * <pre>{@code
 * Tensor probs = new Softmax(-1).forward(logits);
 * }</pre>
 */
public class Softmax extends Module {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        try {
            Shape.normalizeAxis(dim, x.rank(), "Softmax");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Softmax(dim=" + dim + "): dim out of range for an input of shape "
                    + x.shape(), e);
        }
        return x.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
