package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.FanMode;
import org.jgrad.nn.init.Init;
import org.jgrad.nn.init.Nonlinearity;

/**
 * {@code y = x W^T + b} over the last dim of an input {@code [.., in]} (PyTorch's {@code nn.Linear}): weight
 * {@code [out, in]}, bias {@code [out]}, both float32. Initialised as PyTorch does: the weight with
 * {@code kaiming_uniform(a = sqrt(5))}, which is {@code U(-1/sqrt(in), 1/sqrt(in))}, the bias with the same
 * uniform.
 *
 * <pre>{@code
 * Linear fc = new Linear(784, 10, true, new Generator(0));
 * Tensor logits = fc.forward(images.reshape(-1, 784));   // [N, 10]
 * }</pre>
 */
public class Linear extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int inFeatures;
    private final int outFeatures;

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: feature counts must be >= 0, got in_features=" + inFeatures
                    + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = Tensor.zeros(DType.F32, outFeatures, inFeatures).requiresGrad(true);
        this.bias = bias ? Tensor.zeros(DType.F32, outFeatures).requiresGrad(true) : null;
        resetParameters(gen);
    }

    /** With a bias. */
    public Linear(int inFeatures, int outFeatures, Generator gen) {
        this(inFeatures, outFeatures, true, gen);
    }

    /** Drawn from {@link Init#defaultGenerator()}. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Init.defaultGenerator());
    }

    /** With a bias, drawn from {@link Init#defaultGenerator()}. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** Re-draws weight and bias as the constructor does (PyTorch's {@code reset_parameters}). */
    public final void resetParameters(Generator gen) {
        Init.kaimingUniform(weight, gen, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
        if (bias != null) {
            // PyTorch: bound 1/sqrt(fan_in), or 0 for an empty fan-in.
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform(bias, gen, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + extraRepr() + "): expected an input [.., " + inFeatures
                    + "], got " + x.shape());
        }
        return x.linear(weight, bias);
    }

    /** The weight {@code [out, in]}, a parameter (e.g. for {@link Init}). */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null);
    }
}
