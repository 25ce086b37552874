package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Shape;

/** Shape bookkeeping for composites that reduce with keepdim and drop the dims afterwards. */
final class Reduced {
    private Reduced() {
    }

    /** The shape of {@code x} with {@code axes} removed (all axes when null). */
    static int[] shape(Tensor x, int[] axes) {
        if (axes == null) {
            return new int[0];
        }
        boolean[] drop = new boolean[x.rank()];
        for (int a : axes) {
            int d = Shape.normalizeAxis(a, x.rank(), "reduce");
            if (x.rank() > 0) { // a 0-d input accepts dim 0 and -1, and keeps its (empty) shape
                drop[d] = true;
            }
        }
        int n = 0;
        for (boolean b : drop) {
            n += b ? 0 : 1;
        }
        int[] out = new int[n];
        for (int d = 0, k = 0; d < x.rank(); d++) {
            if (!drop[d]) {
                out[k++] = x.size(d);
            }
        }
        return out;
    }
}
