package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** Row i holds id i and features {10 i, 10 i + 1}, so every field of a batch shows which rows it came from. */
    static TensorDataset numbered(int n) {
        long[] ids = new long[n];
        float[] feats = new float[2 * n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            feats[2 * i] = 10 * i;
            feats[2 * i + 1] = 10 * i + 1;
        }
        return TensorDataset.of(NDArray.on().of(feats, DType.F32, n, 2), NDArray.on().of(ids, DType.I64, n));
    }

    /** The row ids of every batch of one epoch, after checking the features agree with them. */
    static List<long[]> epoch(DataLoader loader) {
        List<long[]> batches = new ArrayList<>();
        for (Batch b : loader) {
            long[] ids = b.labels().toLongArray();
            float[] feats = b.features().toFloatArray();
            assertArrayEquals(new int[] {ids.length, 2}, b.features().shape().toArray());
            for (int r = 0; r < ids.length; r++) {
                assertEquals(10f * ids[r], feats[2 * r], "features of row " + ids[r]);
                assertEquals(10f * ids[r] + 1, feats[2 * r + 1], "features of row " + ids[r]);
            }
            batches.add(ids);
        }
        return batches;
    }

    static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    @Property(tries = 150)
    void everyIndexOncePerEpoch(@ForAll @IntRange(min = 0, max = 40) int n,
                                @ForAll @IntRange(min = 1, max = 12) int batchSize,
                                @ForAll boolean dropLast, @ForAll boolean shuffle, @ForAll long seed) {
        DataLoader.Builder b = DataLoader.builder(numbered(n)).batchSize(batchSize).dropLast(dropLast);
        DataLoader loader = (shuffle ? b.shuffle(seed) : b).build();
        int expectedBatches = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        assertEquals(expectedBatches, loader.numBatches());
        for (int e = 0; e < 2; e++) {
            List<long[]> batches = epoch(loader);
            assertEquals(expectedBatches, batches.size(), "batches in epoch " + e);
            for (int k = 0; k < batches.size(); k++) {
                boolean last = k == batches.size() - 1;
                int rows = batches.get(k).length;
                if (!last || dropLast || n % batchSize == 0) {
                    assertEquals(batchSize, rows, "rows of batch " + k);
                } else {
                    assertEquals(n % batchSize, rows, "rows of the partial last batch");
                }
            }
            long[] seen = flat(batches);
            assertEquals(seen.length, Arrays.stream(seen).distinct().count(), "an index came twice in epoch " + e);
            assertTrue(Arrays.stream(seen).allMatch(i -> i >= 0 && i < n));
            // Without dropLast every index comes; with it exactly n % batchSize are left out.
            assertEquals(dropLast ? n - n % batchSize : n, seen.length);
        }
    }

    @Test
    void noShuffleKeepsIndexOrder() {
        DataLoader loader = DataLoader.of(numbered(7), 3);
        List<long[]> batches = epoch(loader);
        assertArrayEquals(new long[] {0, 1, 2}, batches.get(0));
        assertArrayEquals(new long[] {3, 4, 5}, batches.get(1));
        assertArrayEquals(new long[] {6}, batches.get(2));
        assertArrayEquals(flat(batches), flat(epoch(loader)), "a second epoch without shuffling");
    }

    @Test
    void defaultsArePyTorchs() {
        DataLoader loader = DataLoader.builder(numbered(3)).build();
        assertEquals(1, loader.batchSize());
        assertFalse(loader.shuffle());
        assertFalse(loader.dropLast());
        assertEquals(3, loader.numBatches());
    }

    @Test
    void sameSeedSameOrdersAndEpochsDiffer() {
        DataLoader a = DataLoader.builder(numbered(50)).batchSize(8).shuffle(1234).build();
        DataLoader b = DataLoader.builder(numbered(50)).batchSize(8).shuffle(1234).build();
        long[] a0 = flat(epoch(a));
        long[] a1 = flat(epoch(a));
        assertArrayEquals(a0, flat(epoch(b)), "epoch 0 of two loaders with one seed");
        assertArrayEquals(a1, flat(epoch(b)), "epoch 1 of two loaders with one seed");
        // Two equal random permutations of 50 items have probability 1/50!, so equality means a bug.
        assertFalse(Arrays.equals(a0, a1), "epochs 0 and 1 came in the same order");
        assertFalse(Arrays.equals(a0, IntStream.range(0, 50).asLongStream().toArray()), "epoch 0 was not shuffled");
        DataLoader c = DataLoader.builder(numbered(50)).batchSize(8).shuffle(1235).build();
        assertFalse(Arrays.equals(a0, flat(epoch(c))), "seeds 1234 and 1235 gave the same order");
    }

    @Test
    void setEpochReplaysAnEpoch() {
        DataLoader loader = DataLoader.builder(numbered(20)).batchSize(4).shuffle(7).build();
        epoch(loader);
        long[] second = flat(epoch(loader));
        assertEquals(2, loader.epoch());
        loader.setEpoch(1);
        assertArrayEquals(second, flat(epoch(loader)));
        assertArrayEquals(Arrays.stream(loader.order(1)).asLongStream().toArray(), second);
        assertThrows(IllegalArgumentException.class, () -> loader.setEpoch(-1));
    }

    @Test
    void genericDatasetsAreStackedLikeTheFastPath() {
        TensorDataset fast = numbered(10);
        Dataset<Tensor[]> generic = new Dataset<>() {
            @Override
            public int size() {
                return fast.size();
            }

            @Override
            public Tensor[] get(int index) {
                return fast.get(index);
            }
        };
        DataLoader viaRows = DataLoader.builder(generic).batchSize(4).shuffle(3).build();
        DataLoader viaGather = DataLoader.builder(fast).batchSize(4).shuffle(3).build();
        Iterator<Batch> rows = viaRows.iterator();
        for (Batch g : viaGather) {
            Batch r = rows.next();
            assertArrayEquals(g.features().shape().toArray(), r.features().shape().toArray());
            assertArrayEquals(g.features().toFloatArray(), r.features().toFloatArray());
            assertArrayEquals(g.labels().toLongArray(), r.labels().toLongArray());
            assertEquals(DType.I64, r.labels().dtype());
        }
        assertFalse(rows.hasNext());
        assertThrows(NoSuchElementException.class, rows::next);
    }

    @Test
    void subsetsOfATensorDatasetBatchTheirOwnItems() {
        Subset<Tensor[]> sub = new Subset<>(numbered(10), new int[] {9, 2, 5});
        List<long[]> batches = epoch(DataLoader.of(sub, 2));
        assertArrayEquals(new long[] {9, 2, 5}, flat(batches));
        Subset<Tensor[]> nested = new Subset<>(sub, new int[] {2, 0});
        assertArrayEquals(new long[] {5, 9}, flat(epoch(DataLoader.of(nested, 5))));
    }

    @Test
    void mismatchedRowsOfAGenericDatasetAreNamed() {
        Dataset<Tensor[]> ragged = new Dataset<>() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public Tensor[] get(int index) {
                return new Tensor[] {Tensor.zeros(DType.F32, index + 1)};
            }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> DataLoader.of(ragged, 2).iterator().next());
        assertTrue(e.getMessage().contains("field 0 of item 1 is [2]"), e.getMessage());
    }

    @Test
    void badOptionsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(numbered(3)).batchSize(0));
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
        assertThrows(NullPointerException.class, () -> DataLoader.builder(null));
    }

    @Test
    void emptyDatasetHasNoBatches() {
        DataLoader loader = DataLoader.builder(numbered(0)).batchSize(4).shuffle(1).build();
        assertEquals(0, loader.numBatches());
        assertFalse(loader.iterator().hasNext());
    }
}
