package org.jgrad.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.jgrad.autograd.Tensor;

/**
 * One batch from a {@link DataLoader}: one tensor per field of the dataset, each with the batch along dim 0.
 * For the common (features, labels) pair, {@link #features()} and {@link #labels()} name the two fields.
 *
 * <pre>{@code
 * for (Batch b : loader) {
 *     Tensor loss = model.forward(b.features()).crossEntropy(b.labels());
 * }
 * }</pre>
 *
 * @param tensors the fields, in the dataset's order (the array is copied)
 */
public record Batch(Tensor... tensors) {
    public Batch {
        Objects.requireNonNull(tensors, "Batch: tensors must not be null");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("Batch: expected at least one tensor, got none");
        }
        tensors = tensors.clone();
        for (int k = 0; k < tensors.length; k++) {
            Objects.requireNonNull(tensors[k], "Batch: tensor " + k + " is null");
        }
    }

    /** The fields (a copy of the array; the tensors themselves are shared). */
    @Override
    public Tensor[] tensors() {
        return tensors.clone();
    }

    /** Field {@code k}. */
    public Tensor get(int k) {
        if (k < 0 || k >= tensors.length) {
            throw new IndexOutOfBoundsException("Batch.get: field " + k + " does not exist, this batch has "
                    + tensors.length + " field(s)");
        }
        return tensors[k];
    }

    /** Number of fields (tensors), not of rows; see {@link #batchSize()}. */
    public int numFields() {
        return tensors.length;
    }

    /** Number of rows: the size of dim 0 of the first field. */
    public int batchSize() {
        return tensors[0].size(0);
    }

    /** Field 0, the inputs of a (features, labels) batch. */
    public Tensor features() {
        return get(0);
    }

    /** Field 1, the targets of a (features, labels) batch. */
    public Tensor labels() {
        if (tensors.length < 2) {
            throw new IllegalStateException("Batch.labels: this batch has only " + tensors.length
                    + " field; labels() is field 1 of a (features, labels) batch");
        }
        return tensors[1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b && Arrays.equals(tensors, b.tensors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tensors);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Batch[");
        for (int k = 0; k < tensors.length; k++) {
            s.append(k == 0 ? "" : ", ").append(tensors[k].shape()).append(' ').append(tensors[k].dtype().torchName());
        }
        return s.append(']').toString();
    }
}
