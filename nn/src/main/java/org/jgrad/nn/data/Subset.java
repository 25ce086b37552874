package org.jgrad.nn.data;

import java.util.Objects;

/**
 * The items of another dataset at given indices, as {@code torch.utils.data.Subset}: item {@code i} is
 * {@code dataset.get(indices[i])}. {@link Datasets#randomSplit} returns these.
 *
 * <pre>{@code
 * Subset<Tensor[]> firstTen = new Subset<>(ds, IntStream.range(0, 10).toArray());
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final int[] indices;

    /**
     * The items of {@code dataset} at {@code indices} (copied; repeats allowed).
     *
     * @throws IndexOutOfBoundsException when an index is outside {@code [0, dataset.size())}
     */
    public Subset(Dataset<T> dataset, int[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "Subset: dataset must not be null");
        this.indices = Objects.requireNonNull(indices, "Subset: indices must not be null").clone();
        Indices.checkAll("Subset", this.indices, dataset.size());
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        Indices.check("Subset.get", index, indices.length);
        return dataset.get(indices[index]);
    }

    /** The underlying dataset. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** The indices into {@link #dataset()} (a copy). */
    public int[] indices() {
        return indices.clone();
    }

    /** The underlying indices of items {@code positions} of this subset (checked). */
    int[] map(int[] positions) {
        Indices.checkAll("Subset", positions, indices.length);
        int[] out = new int[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = indices[positions[i]];
        }
        return out;
    }
}
