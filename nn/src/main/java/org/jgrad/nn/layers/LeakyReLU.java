package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * {@code x} for positive x, else {@code negativeSlope * x} (PyTorch's {@code nn.LeakyReLU}, default slope 0.01).
 *
 * <pre>{@code
 * Tensor y = new LeakyReLU(0.2).forward(x);
 * }</pre>
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: the negative slope must be finite, got " + negativeSlope);
        }
        this.negativeSlope = negativeSlope;
    }

    /** Slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + negativeSlope;
    }
}
