package org.jgrad.nn.init;

/**
 * Which fan the Kaiming initialisers preserve the variance of (PyTorch's {@code mode}): {@code FAN_IN} keeps
 * the activations' variance in the forward pass, {@code FAN_OUT} the gradients' variance in the backward pass.
 *
 * <pre>{@code
 * Init.kaimingNormal(w, gen, 0, FanMode.FAN_OUT, Nonlinearity.RELU);
 * }</pre>
 */
public enum FanMode {
    FAN_IN,
    FAN_OUT
}
