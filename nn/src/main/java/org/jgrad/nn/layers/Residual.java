package org.jgrad.nn.layers;

import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * A skip connection, {@code x + inner(x)}; {@code inner} must keep the input's shape. The inner module is
 * the child named {@code inner}.
 *
 * <pre>{@code
 * Residual block = new Residual(new Sequential(new LayerNorm(64), new Linear(64, 64, gen), new GELU()));
 * Tensor h = block.forward(x);   // x [.., 64]
 * }</pre>
 */
public class Residual extends Module {
    private final Module inner;

    public Residual(Module inner) {
        this.inner = Objects.requireNonNull(inner, "Residual: the inner module is null");
    }

    public Module inner() {
        return inner;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = inner.forward(x);
        if (!y.shape().equals(x.shape())) {
            throw new IllegalArgumentException("Residual: the inner " + inner.getClass().getSimpleName()
                    + " maps an input " + x.shape() + " to " + y.shape() + ", but x + inner(x) needs the same shape");
        }
        return x.add(y);
    }
}
