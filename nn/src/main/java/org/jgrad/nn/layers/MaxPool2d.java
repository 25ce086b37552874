package org.jgrad.nn.layers;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * Max over windows of {@code [N, C, H, W]} images (PyTorch's {@code nn.MaxPool2d}, dilation 1, floor mode): the
 * stride defaults to the kernel size; padding counts as {@code -inf} and is at most half the kernel. The gradient
 * goes to the first maximum of each window, as PyTorch's.
 *
 * <pre>{@code
 * Tensor pooled = new MaxPool2d(2).forward(features);   // [N, C, 28, 28] -> [N, C, 14, 14]
 * }</pre>
 */
public class MaxPool2d extends Module {
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;

    /** Sizes are one value for both dims or {@code {h, w}}; a null stride means the kernel size. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding) {
        this.kernelSize = SizePairs.of("MaxPool2d", "kernel_size", kernelSize, 1);
        this.stride = stride == null ? this.kernelSize.clone() : SizePairs.of("MaxPool2d", "stride", stride, 1);
        this.padding = SizePairs.of("MaxPool2d", "padding", padding, 0);
        if (2 * this.padding[0] > this.kernelSize[0] || 2 * this.padding[1] > this.kernelSize[1]) {
            throw new IllegalArgumentException("MaxPool2d: padding " + Arrays.toString(padding)
                    + " must be at most half the kernel size " + Arrays.toString(kernelSize));
        }
    }

    /** A square kernel, stride = kernel, no padding. */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0});
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.maxPool2d(kernelSize, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Arrays.toString(kernelSize) + ", stride=" + Arrays.toString(stride) + ", padding="
                + Arrays.toString(padding);
    }
}
