package org.jgrad.nn.optim;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Module;

/**
 * A 4 -> 5 -> 3 tanh network built from tensor ops (the layers live in another package), with a fixed batch,
 * for the optimizer and early-stopping tests.
 */
final class TinyMlp extends Module {
    final Tensor w1;
    final Tensor b1;
    final Tensor w2;
    final Tensor b2;

    TinyMlp(long seed) {
        Generator gen = new Generator(seed);
        w1 = uniform(gen, 5, 4);
        b1 = uniform(gen, 5);
        w2 = uniform(gen, 3, 5);
        b2 = uniform(gen, 3);
    }

    private static Tensor uniform(Generator gen, int... shape) {
        return Tensor.of(NDArray.on().uniform(gen, -0.5, 0.5, DType.F32, shape)).requiresGrad(true);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.linear(w1, b1).tanh().linear(w2, b2);
    }

    static final Tensor X = Tensor.of(NDArray.on().uniform(new Generator(7), -2, 2, DType.F32, 6, 4));
    static final Tensor Y = Tensor.of(NDArray.on().uniform(new Generator(8), -1, 1, DType.F32, 6, 3));

    /** One training step: zeroGrad, MSE loss on the fixed batch, backward, {@code opt.step()}. */
    void trainStep(Optimizer<?> opt) {
        opt.zeroGrad();
        forward(X).mseLoss(Y).backward();
        opt.step();
    }

    /** The parameters' values, flattened, in order. */
    List<float[]> values() {
        return parameters().stream().map(Tensor::toFloatArray).toList();
    }
}
