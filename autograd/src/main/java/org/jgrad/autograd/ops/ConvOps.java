package org.jgrad.autograd.ops;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;

/**
 * Convolution and pooling over {@code [N, C, H, W]} images (PyTorch's {@code F.pad}, {@code F.unfold},
 * {@code F.conv2d}, {@code F.max_pool2d}), composed from primitives: windows are strided slices, a convolution
 * is one batched matrix product over them (im2col), so every gradient comes from the slice, concat, matmul and
 * gather rules.
 *
 * <p>Size arguments are {@code int[]} of one value (both dims) or two ({@code {h, w}}), as PyTorch's int or
 * tuple. The output size per dim is {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1}.
 *
 * <pre>{@code
 * Tensor y = x.conv2d(weight, bias, new int[] {1}, new int[] {1}, new int[] {1});  // [N, O, H, W], 3x3 kernel
 * Tensor p = y.relu().maxPool2d(new int[] {2}, new int[] {2}, new int[] {0});        // [N, O, H/2, W/2]
 * }</pre>
 */
public interface ConvOps {
    Tensor self();

    /**
     * {@code value} added around the last dims: {@code padding} holds (before, after) pairs starting from the last
     * dim, as PyTorch's {@code F.pad(x, padding, value=value)}: {@code {1, 1, 2, 0}} pads the last dim by 1 on
     * each side and the one before by 2 at its start. Negative amounts (cropping) are not supported.
     */
    default Tensor pad(int[] padding, double value) {
        Tensor x = self();
        if (padding.length % 2 != 0 || padding.length / 2 > x.rank()) {
            throw new IllegalArgumentException("pad: padding must hold (before, after) pairs for at most "
                    + x.rank() + " dims of a tensor of shape " + x.shape() + ", got " + Arrays.toString(padding));
        }
        for (int p : padding) {
            if (p < 0) {
                throw new IllegalArgumentException("pad: negative padding (cropping) is not supported, got "
                        + Arrays.toString(padding));
            }
        }
        Tensor y = x;
        for (int pair = 0; pair < padding.length / 2; pair++) {
            int dim = x.rank() - 1 - pair;
            y = padDim(y, dim, padding[2 * pair], padding[2 * pair + 1], value);
        }
        return y;
    }

    private static Tensor padDim(Tensor x, int dim, int before, int after, double value) {
        if (before == 0 && after == 0) {
            return x;
        }
        Tensor[] parts = new Tensor[(before > 0 ? 1 : 0) + 1 + (after > 0 ? 1 : 0)];
        int i = 0;
        if (before > 0) {
            parts[i++] = constant(x, dim, before, value);
        }
        parts[i++] = x;
        if (after > 0) {
            parts[i] = constant(x, dim, after, value);
        }
        return Tensor.concat(dim, parts);
    }

    private static Tensor constant(Tensor like, int dim, int length, double value) {
        int[] shape = like.shape().toArray();
        shape[dim] = length;
        return Tensor.of(like.creation().full(value, like.dtype(), shape));
    }

    /**
     * The sliding windows of an {@code [N, C, H, W]} input as columns (im2col, PyTorch's {@code F.unfold}):
     * {@code [N, C kh kw, L]} with {@code L = outH outW} window positions in row-major order; within a column the
     * values run over channels, then kernel rows, then kernel columns. Zero padding.
     */
    default Tensor unfold(int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        Tensor x = self();
        Windows w = Windows.of("unfold", x, kernelSize, stride, padding, dilation);
        Tensor win = w.extract(x.pad(w.padding(), 0.0));    // [N, C, kh kw, outH, outW]
        return win.reshape(x.size(0), x.size(1) * w.kernelArea(), w.outH() * w.outW());
    }

    /**
     * 2-D cross-correlation, PyTorch's {@code F.conv2d} (groups = 1): input {@code [N, C, H, W]}, weight
     * {@code [O, C, kh, kw]}, bias {@code [O]} or null; result {@code [N, O, outH, outW]}.
     */
    default Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        Tensor x = self();
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be [out_channels, in_channels, kh, kw], got "
                    + weight.shape());
        }
        int[] kernel = {weight.size(2), weight.size(3)};
        Windows w = Windows.of("conv2d", x, kernel, stride, padding, dilation);
        if (weight.size(1) != x.size(1)) {
            throw new IllegalArgumentException("conv2d: weight " + weight.shape() + " expects " + weight.size(1)
                    + " input channels but the input " + x.shape() + " has " + x.size(1));
        }
        int out = weight.size(0);
        if (bias != null && (bias.rank() != 1 || bias.size(0) != out)) {
            throw new IllegalArgumentException("conv2d: bias must be [" + out + "] (one per output channel), got "
                    + bias.shape());
        }
        Tensor cols = x.unfold(kernel, dilation, padding, stride);                 // [N, C kh kw, L]
        Tensor y = weight.reshape(out, -1).matmul(cols);                           // [N, O, L]
        y = y.reshape(x.size(0), out, w.outH(), w.outW());
        return bias == null ? y : y.add(bias.reshape(out, 1, 1));
    }

    /**
     * Max over each window, PyTorch's {@code F.max_pool2d} (dilation 1, floor mode): padding counts as
     * {@code -inf} and may be at most half the kernel. The gradient goes to one element per window, the first
     * maximum in row-major window order, as PyTorch's (not split among ties as {@code amax} does).
     */
    default Tensor maxPool2d(int[] kernelSize, int[] stride, int[] padding) {
        Tensor x = self();
        Windows w = Windows.of("maxPool2d", x, kernelSize, stride, padding, new int[] {1});
        if (2 * w.padH() > w.kh() || 2 * w.padW() > w.kw()) {
            throw new IllegalArgumentException("maxPool2d: padding " + Arrays.toString(padding)
                    + " must be at most half the kernel " + Arrays.toString(kernelSize));
        }
        Tensor win = w.extract(x.pad(w.padding(), Double.NEGATIVE_INFINITY));     // [N, C, kh kw, outH, outW]
        Tensor first = win.argmax(2, true);
        return win.gather(2, first).squeeze(2);
    }
}
