package org.jgrad.nn.layers;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Shape;
import org.jgrad.nn.Module;

/**
 * Merges dims {@code startDim..endDim} (inclusive; negative counts from the end) into one (PyTorch's
 * {@code nn.Flatten}, default {@code (1, -1)}: everything but the batch dim). A view when the layout allows.
 *
 * <pre>{@code
 * Tensor flat = new Flatten().forward(images);   // [N, 1, 28, 28] -> [N, 784]
 * }</pre>
 */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Dims 1 to -1. */
    public Flatten() {
        this(1, -1);
    }

    @Override
    public Tensor forward(Tensor x) {
        // A 0-d input flattens like a 1-d one of one element (as torch.flatten).
        int rank = Math.max(x.rank(), 1);
        int[] shape = x.rank() == 0 ? new int[] {1} : x.shape().toArray();
        int start;
        int end;
        try {
            start = Shape.normalizeAxis(startDim, rank, "Flatten");
            end = Shape.normalizeAxis(endDim, rank, "Flatten");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Flatten(" + extraRepr() + "): dims out of range for an input of"
                    + " shape " + x.shape(), e);
        }
        if (start > end) {
            throw new IllegalArgumentException("Flatten(" + extraRepr() + "): start_dim comes after end_dim for an"
                    + " input of shape " + x.shape());
        }
        int[] out = new int[rank - (end - start)];
        System.arraycopy(shape, 0, out, 0, start);
        long merged = 1;
        for (int d = start; d <= end; d++) {
            merged *= shape[d];
        }
        out[start] = (int) merged;
        System.arraycopy(shape, end + 1, out, start + 1, rank - end - 1);
        return Arrays.equals(out, x.shape().toArray()) ? x : x.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
