package org.jgrad.nn.layers;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.FanMode;
import org.jgrad.nn.init.Init;
import org.jgrad.nn.init.Nonlinearity;

/**
 * A 2-D convolution over {@code [N, C, H, W]} images (PyTorch's {@code nn.Conv2d}, groups = 1, zero padding):
 * weight {@code [out, in, kh, kw]}, bias {@code [out]}, both float32, initialised as PyTorch does
 * ({@code kaiming_uniform(a = sqrt(5))} = {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} with
 * {@code fan_in = in kh kw}, the bias with the same bound). The output is {@code [N, out, outH, outW]} with
 * {@code outH = floor((H + 2 padding - dilation (kh - 1) - 1) / stride) + 1}.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 16, new int[] {3, 3}, new int[] {1}, new int[] {1}, new int[] {1}, true, gen);
 * Tensor features = conv.forward(images);   // [N, 1, 28, 28] -> [N, 16, 28, 28]
 * }</pre>
 */
public class Conv2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    /** Sizes are one value for both dims or {@code {h, w}}, as PyTorch's int or tuple. */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
            boolean bias, Generator gen) {
        if (inChannels < 1 || outChannels < 1) {
            throw new IllegalArgumentException("Conv2d: channel counts must be >= 1, got in_channels=" + inChannels
                    + ", out_channels=" + outChannels);
        }
        this.kernelSize = SizePairs.of("Conv2d", "kernel_size", kernelSize, 1);
        this.stride = SizePairs.of("Conv2d", "stride", stride, 1);
        this.padding = SizePairs.of("Conv2d", "padding", padding, 0);
        this.dilation = SizePairs.of("Conv2d", "dilation", dilation, 1);
        this.weight = Tensor.zeros(DType.F32, outChannels, inChannels, this.kernelSize[0], this.kernelSize[1])
                .requiresGrad(true);
        this.bias = bias ? Tensor.zeros(DType.F32, outChannels).requiresGrad(true) : null;
        resetParameters(gen);
    }

    /** Square kernel, stride 1, dilation 1, with a bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int padding, Generator gen) {
        this(inChannels, outChannels, new int[] {kernelSize}, new int[] {1}, new int[] {padding}, new int[] {1}, true,
                gen);
    }

    /** Re-draws weight and bias as the constructor does (PyTorch's {@code reset_parameters}). */
    public final void resetParameters(Generator gen) {
        Init.kaimingUniform(weight, gen, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
        if (bias != null) {
            double bound = 1 / Math.sqrt((double) weight.size(1) * kernelSize[0] * kernelSize[1]);
            Init.uniform(bias, gen, -bound, bound);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.size(1) != weight.size(1)) {
            throw new IllegalArgumentException("Conv2d(" + extraRepr() + "): expected an input [N, " + weight.size(1)
                    + ", H, W], got " + x.shape());
        }
        return x.conv2d(weight, bias, stride, padding, dilation);
    }

    /** The weight {@code [out, in, kh, kw]}, a parameter. */
    public Tensor weight() {
        return weight;
    }

    /** The bias {@code [out]}, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return weight.size(1) + ", " + weight.size(0) + ", kernel_size=" + Arrays.toString(kernelSize) + ", stride="
                + Arrays.toString(stride) + ", padding=" + Arrays.toString(padding) + ", dilation="
                + Arrays.toString(dilation) + ", bias=" + (bias != null);
    }
}
