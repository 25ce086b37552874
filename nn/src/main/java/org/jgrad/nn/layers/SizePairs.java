package org.jgrad.nn.layers;

import java.util.Arrays;

/** The (h, w) size arguments of the 2-D layers: PyTorch's int or tuple, as one value or two. */
final class SizePairs {
    private SizePairs() {
    }

    /** {@code {h, w}} from one value (both dims) or two, each at least {@code min}; else a message naming both. */
    static int[] of(String layer, String name, int[] v, int min) {
        if (v == null || v.length < 1 || v.length > 2 || Arrays.stream(v).anyMatch(x -> x < min)) {
            throw new IllegalArgumentException(layer + ": " + name + " must be one or two values >= " + min
                    + ", got " + Arrays.toString(v));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }
}
