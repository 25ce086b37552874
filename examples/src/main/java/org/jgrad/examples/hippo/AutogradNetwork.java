package org.jgrad.examples.hippo;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * The same network as {@link TextbookNetwork}, written with autograd: a whole mini-batch at once, the cost as
 * a tensor expression, and {@code backward()} filling every weight's {@code grad}. Both forms start from the
 * same numbers ({@link #from}) and compute the same gradients; {@code GradientsAgreeTest} checks that to float64
 * precision.
 *
 * <pre>{@code
 * AutogradNetwork net = AutogradNetwork.from(textbook, DType.F64);
 * Tensor cost = net.cost(images, oneHot);     // C = 1/2 ||y - a||^2, averaged over the batch
 * cost.backward();                            // net.weights().get(0).grad() is dC/dw of layer 1
 * }</pre>
 */
public final class AutogradNetwork {
    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();

    private AutogradNetwork() {
    }

    /** A network holding {@code book}'s current weights and biases, as trainable tensors of {@code dtype}. */
    public static AutogradNetwork from(TextbookNetwork book, DType dtype) {
        AutogradNetwork net = new AutogradNetwork();
        for (int l = 0; l < book.weights.length; l++) {
            // NDArray.of copies the nested Java arrays (float64), so the two networks never share numbers.
            net.weights.add(Tensor.of(NDArray.of(book.weights[l]).to(dtype)).requiresGrad(true));
            net.biases.add(Tensor.of(NDArray.of(book.biases[l]).to(dtype)).requiresGrad(true));
        }
        return net;
    }

    /** Weights per layer, {@code [out, in]}. */
    public List<Tensor> weights() {
        return weights;
    }

    /** Biases per layer, {@code [out]}. */
    public List<Tensor> biases() {
        return biases;
    }

    /** Every trainable tensor, weights then biases, for an optimizer. */
    public List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>(weights);
        all.addAll(biases);
        return all;
    }

    /** Output activations {@code [N, 10]} for inputs {@code [N, 784]}: {@code a = sigmoid(a W^T + b)} per layer. */
    public Tensor forward(Tensor x) {
        Tensor a = x;
        for (int l = 0; l < weights.size(); l++) {
            a = a.matmul(weights.get(l).transpose(0, 1)).add(biases.get(l)).sigmoid();
        }
        return a;
    }

    /** The quadratic cost C = 1/2 ||y - a||^2 averaged over the batch; {@code y} one-hot {@code [N, 10]}. */
    public Tensor cost(Tensor x, Tensor y) {
        Tensor a = forward(x);
        return a.sub(y).square().sum().div(2.0 * x.shape().dim(0));
    }
}
