package org.jgrad.nn.data;

/**
 * A map-style dataset, as {@code torch.utils.data.Dataset}: a fixed number of items addressed by index.
 *
 * <p>Items of type {@code Tensor[]} (one tensor per field, e.g. features and label) can be batched by a
 * {@link DataLoader}; {@link TensorDataset} is the usual implementation.
 *
 * <pre>{@code
 * Dataset<Tensor[]> ds = new TensorDataset(features, labels);
 * Tensor[] first = ds.get(0);     // {features[0], labels[0]}
 * }</pre>
 *
 * @param <T> the item type
 */
public interface Dataset<T> {
    /** Number of items; indices run from 0 to {@code size() - 1}. */
    int size();

    /**
     * The item at {@code index}.
     *
     * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, size())}, with a message
     *                                   naming the index and the size
     */
    T get(int index);
}
