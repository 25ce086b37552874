package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * {@code 1 / (1 + exp(-x))} elementwise (PyTorch's {@code nn.Sigmoid}).
 *
 * <pre>{@code
 * Tensor p = new Sigmoid().forward(logits);
 * }</pre>
 */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
