package org.jgrad.nn.init;

/**
 * The nonlinearities {@link Init#calculateGain} knows, as PyTorch's {@code nonlinearity} strings
 * ({@code LINEAR} also stands for PyTorch's {@code conv1d}, ..., {@code conv_transpose3d}, whose gain is 1 too).
 *
 * <pre>{@code
 * double g = Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2);   // sqrt(2 / (1 + 0.2^2))
 * }</pre>
 */
public enum Nonlinearity {
    /** Gain 1 (also the convolutions). */
    LINEAR,
    /** Gain 1. */
    SIGMOID,
    /** Gain 5/3. */
    TANH,
    /** Gain sqrt(2). */
    RELU,
    /** Gain sqrt(2 / (1 + slope^2)); the slope is the parameter, 0.01 when not given. */
    LEAKY_RELU,
    /** Gain 3/4. */
    SELU
}
