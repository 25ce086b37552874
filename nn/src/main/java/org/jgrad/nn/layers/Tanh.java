package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * {@code tanh(x)} elementwise (PyTorch's {@code nn.Tanh}).
 *
 * <pre>{@code
 * Tensor h = new Tanh().forward(x);
 * }</pre>
 */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
