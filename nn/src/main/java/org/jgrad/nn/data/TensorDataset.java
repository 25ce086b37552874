package org.jgrad.nn.data;

import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * A dataset of rows of tensors that share their first dimension, as {@code torch.utils.data.TensorDataset}:
 * item {@code i} is {@code {t0[i], t1[i], ...}}. A {@link DataLoader} over it gathers each batch with one
 * {@code indexSelect} per tensor ({@link #batch}) instead of stacking rows one by one.
 *
 * <pre>{@code
 * TensorDataset ds = new TensorDataset(Tensor.of(x), Tensor.of(y));   // x: [N, 4], y: [N]
 * Tensor[] row = ds.get(3);                                            // {x[3] : [4], y[3] : []}
 * Batch b = ds.batch(new int[] {5, 0, 2});                             // x rows 5, 0, 2 : [3, 4]
 * }</pre>
 */
public final class TensorDataset implements Dataset<Tensor[]> {
    private final Tensor[] tensors;
    private final int size;

    /**
     * A dataset over {@code tensors} (not copied).
     *
     * @throws IllegalArgumentException when no tensor is given, one is 0-d, or their first dims differ
     */
    public TensorDataset(Tensor... tensors) {
        Objects.requireNonNull(tensors, "TensorDataset: tensors must not be null");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset: expected at least one tensor, got none");
        }
        for (int k = 0; k < tensors.length; k++) {
            Objects.requireNonNull(tensors[k], "TensorDataset: tensor " + k + " is null");
            if (tensors[k].rank() == 0) {
                throw new IllegalArgumentException("TensorDataset: tensor " + k + " is 0-d (shape []), but every "
                        + "tensor needs a first dim that indexes the rows");
            }
        }
        int n = tensors[0].size(0);
        for (int k = 1; k < tensors.length; k++) {
            if (tensors[k].size(0) != n) {
                throw new IllegalArgumentException("TensorDataset: size mismatch between tensors: " + shapes(tensors)
                        + " (expected every tensor to have the same size of dim 0, " + n + ", as tensor 0)");
            }
        }
        this.tensors = tensors.clone();
        this.size = n;
    }

    /** A dataset over arrays, each wrapped with {@link Tensor#of(NDArray)} (not copied). */
    public static TensorDataset of(NDArray... arrays) {
        Objects.requireNonNull(arrays, "TensorDataset.of: arrays must not be null");
        Tensor[] t = new Tensor[arrays.length];
        for (int k = 0; k < arrays.length; k++) {
            t[k] = Tensor.of(Objects.requireNonNull(arrays[k], "TensorDataset.of: array " + k + " is null"));
        }
        return new TensorDataset(t);
    }

    @Override
    public int size() {
        return size;
    }

    /** Row {@code index} of every tensor (views, each with dim 0 removed). */
    @Override
    public Tensor[] get(int index) {
        Indices.check("TensorDataset.get", index, size);
        Tensor[] row = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            row[k] = tensors[k].select(0, index);
        }
        return row;
    }

    /**
     * The rows at {@code indices}, in that order, one dense {@code indexSelect} along dim 0 per tensor.
     *
     * @throws IndexOutOfBoundsException when an index is outside {@code [0, size())}
     */
    public Batch batch(int[] indices) {
        Indices.checkAll("TensorDataset.batch", indices, size);
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices[i];
        }
        Tensor[] out = new Tensor[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            // The index must live on the tensor's own backend.
            Tensor index = Tensor.of(tensors[k].creation().of(idx, DType.I64, idx.length));
            out[k] = tensors[k].indexSelect(0, index);
        }
        return new Batch(out);
    }

    /** The whole tensors (a copy of the array; the tensors themselves are shared). */
    public Tensor[] tensors() {
        return tensors.clone();
    }

    private static String shapes(Tensor[] tensors) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < tensors.length; k++) {
            s.append(k == 0 ? "" : ", ").append("tensor ").append(k).append(' ').append(tensors[k].shape());
        }
        return s.toString();
    }
}
