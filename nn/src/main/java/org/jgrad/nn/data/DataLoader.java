package org.jgrad.nn.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;

/**
 * Iterates a dataset in batches, as {@code torch.utils.data.DataLoader}. Each call of {@link #iterator()}
 * is one epoch: a for-each loop over the loader runs one epoch, and the next loop runs the next.
 *
 * <p>With {@link Builder#shuffle(long) shuffle(seed)} the order of epoch {@code e} is a permutation drawn
 * from a {@link Generator} seeded with a mix of {@code (seed, e)}: every epoch has a different order, and a
 * rerun with the same seed sees the same orders. {@link #setEpoch} positions the loader when training
 * resumes from a checkpoint. Without shuffling the items come in index order.
 *
 * <p>A {@link TensorDataset} (also under {@link Subset}s, e.g. from {@link Datasets#randomSplit}) is
 * batched with one {@code indexSelect} per tensor; other datasets of {@code Tensor[]} items are stacked row
 * by row along a new dim 0. Batches are gathered lazily, one per {@code next()}, on the calling thread; a
 * loader is not thread-safe (its epoch counter is plain state).
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(64).shuffle(42).dropLast(true).build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) {          // one epoch, a new order each time
 *         train(b.features(), b.labels());
 *     }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset<Tensor[]> dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int epoch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
    }

    /** A builder with PyTorch's defaults: batch size 1, no shuffling, the last partial batch kept. */
    public static Builder builder(Dataset<Tensor[]> dataset) {
        return new Builder(dataset);
    }

    /** A loader in index order with the given batch size, keeping the last partial batch. */
    public static DataLoader of(Dataset<Tensor[]> dataset, int batchSize) {
        return builder(dataset).batchSize(batchSize).build();
    }

    /** Starts the next epoch: its batches, lazily gathered. */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = order(epoch);
        epoch++;
        return new Iterator<>() {
            private int start;
            private final int end = dropLast ? numBatches() * batchSize : order.length;

            @Override
            public boolean hasNext() {
                return start < end;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: the epoch has no more batches");
                }
                int stop = Math.min(start + batchSize, end);
                int[] indices = Arrays.copyOfRange(order, start, stop);
                start = stop;
                return Collate.gather(dataset, indices);
            }
        };
    }

    /**
     * The order in which epoch {@code epoch} visits the dataset's indices (before batching and dropping):
     * {@code 0, 1, ...} without shuffling, else a permutation fixed by {@code (seed, epoch)}.
     */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader.order: epoch must be >= 0, got " + epoch);
        }
        int n = dataset.size();
        if (!shuffle) {
            int[] identity = new int[n];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return Permutations.random(n, new Generator(Permutations.mix(seed, epoch)));
    }

    /** Batches per epoch: {@code floor(n / batchSize)} with dropLast, else {@code ceil(n / batchSize)}. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The epoch the next {@link #iterator()} call runs (0 for a new loader). */
    public int epoch() {
        return epoch;
    }

    /** Makes the next {@link #iterator()} call run epoch {@code epoch} (e.g. when resuming training). */
    public void setEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader.setEpoch: epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
    }

    public Dataset<Tensor[]> dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean shuffle() {
        return shuffle;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** Options of a {@link DataLoader}; see {@link DataLoader#builder}. */
    public static final class Builder {
        private final Dataset<Tensor[]> dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;

        private Builder(Dataset<Tensor[]> dataset) {
            this.dataset = Objects.requireNonNull(dataset, "DataLoader: dataset must not be null");
        }

        /** Rows per batch (default 1). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffles every epoch, the orders fixed by {@code seed} (default: no shuffling, index order). */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Drops the last batch of an epoch when it has fewer than batchSize rows (default false). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
