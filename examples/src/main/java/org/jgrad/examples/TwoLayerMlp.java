package org.jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;

/**
 * A two-layer MLP fit to {@code y = sin(x)} on [-3, 3] by plain gradient descent written by hand: the
 * engine computes the gradients, the loop below updates the weights. Run: {@code ./jgrad example TwoLayerMlp}.
 */
@Command(name = "two-layer-mlp", mixinStandardHelpOptions = true,
        description = "A two-layer MLP fit to sin(x) by gradient descent written by hand.")
public final class TwoLayerMlp implements Callable<Integer> {
    private TwoLayerMlp() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(new TwoLayerMlp(), args));
    }

    @Override
    public Integer call() {
        fit(2000, true);
        return 0;
    }

    /** Trains for {@code steps} steps and returns the final mean squared error. */
    public static double fit(int steps, boolean print) {
        Generator gen = new Generator(0);
        Tensor x = Tensor.of(NDArray.linspace(-3, 3, 64, DType.F64).reshape(64, 1));
        Tensor y = x.sin();
        int hidden = 32;
        // PyTorch-style init: uniform in +-1/sqrt(fan_in).
        Tensor w1 = param(gen, 1, hidden, 1);
        Tensor b1 = param(gen, 1, hidden);
        Tensor w2 = param(gen, hidden, 1, hidden);
        Tensor b2 = param(gen, hidden, 1);
        double lr = 0.05;
        double loss = Double.NaN;
        for (int step = 0; step <= steps; step++) {
            Tensor prediction = x.linear(w1, b1).tanh().linear(w2, b2);
            Tensor mse = prediction.mseLoss(y);
            mse.backward();
            loss = mse.item();
            try (var noGrad = GradMode.noGrad()) {
                for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
                    p.sub_(p.grad().mul(lr));
                    p.zeroGrad();
                }
            }
            if (print && step % 250 == 0) {
                System.out.printf("step %4d  mse %.6f%n", step, loss);
            }
        }
        return loss;
    }

    private static Tensor param(Generator gen, int fanIn, int... shape) {
        double bound = 1 / Math.sqrt(fanIn);
        return Tensor.of(NDArray.on().uniform(gen, -bound, bound, DType.F64, shape)).requiresGrad(true);
    }
}
