package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    private final Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    private final Tensor y = Tensor.of(new long[] {7, 8, 9});

    @Test
    void getReturnsTheRowOfEveryTensor() {
        TensorDataset ds = new TensorDataset(x, y);
        assertEquals(3, ds.size());
        Tensor[] row = ds.get(1);
        assertEquals(2, row.length);
        assertArrayEquals(new float[] {3, 4}, row[0].toFloatArray());
        assertArrayEquals(new int[] {}, row[1].shape().toArray());
        assertEquals(8, row[1].item());
    }

    @Test
    void batchGathersRowsInTheGivenOrder() {
        Batch b = new TensorDataset(x, y).batch(new int[] {2, 0, 2});
        assertArrayEquals(new int[] {3, 2}, b.features().shape().toArray());
        assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, b.features().toFloatArray());
        assertArrayEquals(new long[] {9, 7, 9}, b.labels().toLongArray());
        assertEquals(3, b.batchSize());
        assertEquals(2, b.numFields());
    }

    @Test
    void firstDimsMustAgree() {
        Tensor shortLabels = Tensor.of(new long[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, shortLabels));
        assertTrue(e.getMessage().contains("tensor 0 [3, 2], tensor 1 [2]"), e.getMessage());
        var scalar = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(x, Tensor.scalar(1, DType.F32)));
        assertTrue(scalar.getMessage().contains("tensor 1 is 0-d"), scalar.getMessage());
        assertThrows(IllegalArgumentException.class, TensorDataset::new);
    }

    @Test
    void badIndicesNameIndexAndSize() {
        TensorDataset ds = TensorDataset.of(NDArray.zeros(DType.F32, 4, 3));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> ds.get(4));
        assertTrue(e.getMessage().contains("index 4 is out of range for a dataset of size 4"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.get(-1));
        var b = assertThrows(IndexOutOfBoundsException.class, () -> ds.batch(new int[] {0, 9}));
        assertTrue(b.getMessage().contains("indices[1] = 9"), b.getMessage());
    }

    @Test
    void batchLabelsAccessorNeedsTwoFields() {
        Batch one = TensorDataset.of(NDArray.zeros(DType.F32, 2)).batch(new int[] {0});
        var e = assertThrows(IllegalStateException.class, one::labels);
        assertTrue(e.getMessage().contains("only 1 field"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> one.get(1));
    }
}
