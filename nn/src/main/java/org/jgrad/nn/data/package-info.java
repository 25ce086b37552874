/**
 * Data loading, as {@code torch.utils.data}: {@link org.jgrad.nn.data.Dataset},
 * {@link org.jgrad.nn.data.TensorDataset}, {@link org.jgrad.nn.data.DataLoader} (seeded shuffling, one
 * permutation per epoch), {@link org.jgrad.nn.data.Datasets#randomSplit}; readers for IDX (MNIST) and
 * numeric CSV files; and {@link org.jgrad.nn.data.Standardizer} for feature scaling.
 *
 * <pre>{@code
 * NDArray x = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz")).reshape(-1, 784);
 * NDArray y = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));
 * List<Subset<Tensor[]>> parts = Datasets.randomSplit(TensorDataset.of(x, y), 0, 0.9, 0.1);
 * DataLoader train = DataLoader.builder(parts.get(0)).batchSize(128).shuffle(42).build();
 * }</pre>
 */
package org.jgrad.nn.data;
