package org.jgrad.nn.layers;

import java.util.Locale;
import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * The Gaussian error linear unit {@code x Phi(x)} (PyTorch's {@code nn.GELU}): exact with {@code erf} by
 * default, or its tanh approximation ({@code approximate='tanh'}).
 *
 * <pre>{@code
 * Tensor h = new GELU().forward(x);
 * Tensor fast = new GELU(GELU.Approximate.TANH).forward(x);
 * }</pre>
 */
public class GELU extends Module {
    /** PyTorch's {@code approximate} argument. */
    public enum Approximate {
        /** {@code 0.5 x (1 + erf(x / sqrt(2)))}. */
        NONE,
        /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
        TANH
    }

    private final Approximate approximate;

    public GELU(Approximate approximate) {
        this.approximate = Objects.requireNonNull(approximate, "GELU: approximate must not be null");
    }

    /** The exact form. */
    public GELU() {
        this(Approximate.NONE);
    }

    public Approximate approximate() {
        return approximate;
    }

    @Override
    public Tensor forward(Tensor x) {
        return approximate == Approximate.TANH ? x.geluTanh() : x.gelu();
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate.name().toLowerCase(Locale.ROOT) + "'";
    }
}
