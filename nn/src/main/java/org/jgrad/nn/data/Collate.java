package org.jgrad.nn.data;

import org.jgrad.autograd.Tensor;

/**
 * Turns the items at some indices into one {@link Batch}. A {@link TensorDataset}, directly or under
 * {@link Subset}s, is gathered with one {@code indexSelect} per tensor; any other dataset's rows are
 * stacked along a new dim 0, as PyTorch's {@code default_collate} does.
 */
final class Collate {
    private Collate() {
    }

    static Batch gather(Dataset<Tensor[]> dataset, int[] indices) {
        if (dataset instanceof TensorDataset td) {
            return td.batch(indices);
        }
        if (dataset instanceof Subset<Tensor[]> s) {
            return gather(s.dataset(), s.map(indices));
        }
        return stack(dataset, indices);
    }

    private static Batch stack(Dataset<Tensor[]> dataset, int[] indices) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("DataLoader: cannot stack an empty batch of a generic dataset");
        }
        Tensor[][] rows = new Tensor[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = dataset.get(indices[i]);
            if (rows[i] == null || rows[i].length == 0) {
                throw new IllegalArgumentException("DataLoader: item " + indices[i] + " has no tensors "
                        + "(expected a Tensor[] with one tensor per field)");
            }
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("DataLoader: item " + indices[i] + " has " + rows[i].length
                        + " tensors but item " + indices[0] + " has " + rows[0].length
                        + " (expected every item to have the same fields)");
            }
        }
        Tensor[] fields = new Tensor[rows[0].length];
        for (int k = 0; k < fields.length; k++) {
            Tensor[] parts = new Tensor[rows.length];
            for (int i = 0; i < rows.length; i++) {
                Tensor t = rows[i][k];
                if (!t.shape().equals(rows[0][k].shape()) || t.dtype() != rows[0][k].dtype()) {
                    throw new IllegalArgumentException("DataLoader: field " + k + " of item " + indices[i] + " is "
                            + t.shape() + " " + t.dtype() + " but of item " + indices[0] + " it is "
                            + rows[0][k].shape() + " " + rows[0][k].dtype()
                            + " (expected equal shapes and dtypes to stack a batch)");
                }
                parts[i] = t.unsqueeze(0);
            }
            fields[k] = Tensor.concat(0, parts);
        }
        return new Batch(fields);
    }
}
