package org.jgrad.autograd.ops;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;

/**
 * The sliding-window geometry of a 2-D convolution or pooling over {@code [N, C, H, W]}, validated once, and
 * the windows themselves as strided slices of the (already padded) input.
 */
record Windows(int kh, int kw, int sh, int sw, int padH, int padW, int dh, int dw, int outH, int outW) {

    static Windows of(String op, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": expected an input [N, C, H, W], got " + x.shape());
        }
        int[] k = pair(op, "kernel size", kernel, 1);
        int[] s = pair(op, "stride", stride, 1);
        int[] p = pair(op, "padding", padding, 0);
        int[] d = pair(op, "dilation", dilation, 1);
        int outH = outSize(x.size(2), k[0], s[0], p[0], d[0]);
        int outW = outSize(x.size(3), k[1], s[1], p[1], d[1]);
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": kernel " + k[0] + "x" + k[1] + " (dilation " + d[0] + "x" + d[1]
                    + ") does not fit the input " + x.shape() + " padded by " + p[0] + "x" + p[1]);
        }
        return new Windows(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], outH, outW);
    }

    /** One value for both dims or {@code {h, w}}, each at least {@code min}. */
    private static int[] pair(String op, String what, int[] v, int min) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + what + " must be one value or two (h, w), got "
                    + Arrays.toString(v));
        }
        int[] hw = v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
        if (hw[0] < min || hw[1] < min) {
            throw new IllegalArgumentException(op + ": " + what + " must be at least " + min + ", got "
                    + Arrays.toString(v));
        }
        return hw;
    }

    private static int outSize(int in, int kernel, int stride, int padding, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        return in + 2 * padding < span ? 0 : (in + 2 * padding - span) / stride + 1;
    }

    int kernelArea() {
        return kh * kw;
    }

    /** For {@link ConvOps#pad}: (left, right, top, bottom). */
    int[] padding() {
        return new int[] {padW, padW, padH, padH};
    }

    /**
     * {@code [N, C, kh kw, outH, outW]}: entry {@code [n, c, i kw + j, y, x]} is the padded input at row
     * {@code y sh + i dh}, column {@code x sw + j dw}. One strided slice per kernel offset, stacked.
     */
    Tensor extract(Tensor padded) {
        Tensor[] offsets = new Tensor[kernelArea()];
        for (int i = 0; i < kh; i++) {
            Tensor rows = padded.slice(2, i * dh, i * dh + sh * (outH - 1) + 1, sh);
            for (int j = 0; j < kw; j++) {
                offsets[i * kw + j] = rows.slice(3, j * dw, j * dw + sw * (outW - 1) + 1, sw).unsqueeze(2);
            }
        }
        return offsets.length == 1 ? offsets[0] : Tensor.concat(2, offsets);
    }
}
