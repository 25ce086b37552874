package org.jgrad.autograd;

import java.util.Arrays;
import java.util.List;

/**
 * The functional interface to the engine: gradients of outputs with respect to chosen inputs, returned
 * instead of accumulated into {@code grad}. With {@code createGraph} the result is differentiable again.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {3}).requiresGrad(true);
 * Tensor y = x.pow(3.0).sum();
 * Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0);   // 3x^2 = 27
 * Tensor d2y = Autograd.grad(List.of(dy.sum()), List.of(x)).get(0);            // 6x = 18
 * }</pre>
 */
public final class Autograd {
    private Autograd() {
    }

    /** Gradients of one-element outputs with respect to {@code inputs}; frees the graph. */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs) {
        return grad(outputs, inputs, null, false, false);
    }

    /**
     * Gradients of {@code outputs} (weighted by {@code gradOutputs}, or implied ones for one-element outputs)
     * with respect to {@code inputs}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        return Arrays.asList(Engine.backward(outputs, gradOutputs, retainGraph, createGraph, inputs));
    }
}
