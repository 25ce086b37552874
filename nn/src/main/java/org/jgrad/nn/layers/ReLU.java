package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * {@code max(x, 0)} elementwise (PyTorch's {@code nn.ReLU}).
 *
 * <pre>{@code
 * Sequential mlp = new Sequential(new Linear(4, 8, gen), new ReLU(), new Linear(8, 1, gen));
 * }</pre>
 */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
