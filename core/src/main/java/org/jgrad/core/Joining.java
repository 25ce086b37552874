package org.jgrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.core.backend.OutOfMemory;

/** concat, stack and split. */
final class Joining {
    private Joining() {
    }

    static NDArray concat(int dim, NDArray... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("concat: expected at least one tensor");
        }
        NDArray first = arrays[0];
        int d = Shape.normalizeAxis(dim, first.rank(), "concat");
        if (first.rank() == 0) {
            throw new IllegalArgumentException("concat: zero-dimensional tensors cannot be concatenated (use stack)");
        }
        DType dtype = first.dtype();
        int total = 0;
        for (int i = 0; i < arrays.length; i++) {
            NDArray a = arrays[i];
            Elementwise.sameBackend("concat", first, a);
            if (a.rank() != first.rank()) {
                throw new IllegalArgumentException("concat: tensor " + i + " has shape " + a.shape()
                        + " but tensor 0 has shape " + first.shape() + " (expected the same rank)");
            }
            for (int k = 0; k < first.rank(); k++) {
                if (k != d && a.size(k) != first.size(k)) {
                    throw new IllegalArgumentException("concat: tensor " + i + " has shape " + a.shape()
                            + " but tensor 0 has shape " + first.shape() + "; sizes must match except in dim " + d);
                }
            }
            dtype = DType.promote(dtype, a.dtype());
            total += a.size(d);
        }
        int[] outDims = first.shape().toArray();
        outDims[d] = total;
        // Uninitialised (possibly reused) memory: the parts' regions along d cover every element exactly once.
        Shape outShape = Shape.of(outDims);
        NDArray out = NDArray.dense(OutOfMemory.empty(first.backend(), "concat", dtype, outShape), outShape);
        int at = 0;
        for (NDArray a : arrays) {
            View region = out.view().narrow(d, at, a.size(d));
            NDArray src = a.to(dtype);
            out.backend().copyInto(out.storage(), region, src.storage(), src.view());
            at += a.size(d);
        }
        return out;
    }

    static NDArray stack(int dim, NDArray... arrays) {
        if (arrays.length == 0) {
            throw new IllegalArgumentException("stack: expected at least one tensor");
        }
        int d = Shape.normalizeAxis(dim, arrays[0].rank() + 1, "stack");
        NDArray[] lifted = new NDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (!arrays[i].shape().equals(arrays[0].shape())) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + arrays[i].shape()
                        + " but tensor 0 has shape " + arrays[0].shape() + " (expected equal shapes)");
            }
            lifted[i] = arrays[i].unsqueeze(d);
        }
        return concat(d, lifted);
    }

    static List<NDArray> split(NDArray x, int splitSize, int dim) {
        int d = Shape.normalizeAxis(dim, x.rank(), "split");
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: split size must be positive, got " + splitSize);
        }
        int size = x.size(d);
        List<NDArray> parts = new ArrayList<>();
        for (int at = 0; at < size || (size == 0 && parts.isEmpty()); at += splitSize) {
            parts.add(x.narrow(d, at, Math.min(splitSize, size - at)));
        }
        return parts;
    }

    static List<NDArray> split(NDArray x, int[] sizes, int dim) {
        int d = Shape.normalizeAxis(dim, x.rank(), "split");
        long sum = Arrays.stream(sizes).asLongStream().sum();
        if (sum != x.size(d) || Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " must be non-negative and"
                    + " add up to " + x.size(d) + ", the size of dim " + d + " of shape " + x.shape());
        }
        List<NDArray> parts = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            parts.add(x.narrow(d, at, s));
            at += s;
        }
        return parts;
    }
}
