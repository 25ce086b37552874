package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.junit.jupiter.api.Test;

/** Which matrix views the gemm kernel reads in place (row stride, batch stride) and which it must copy. */
class MatrixLayoutTest {
    @Test
    void denseBatchesFlattenToOneStride() {
        assertArrayEquals(new long[] {5, 15}, MatrixLayout.rowMajorStrides(View.contiguous(Shape.of(2, 4, 3, 5))));
    }

    @Test
    void rowSlicesKeepTheirRowStride() {
        View wide = View.contiguous(Shape.of(3, 10)).slice(1, 0, 4, 1);
        assertArrayEquals(new long[] {10, 30}, MatrixLayout.rowMajorStrides(wide));
    }

    @Test
    void broadcastBatchesReadTheSameMatrix() {
        View b = View.contiguous(Shape.of(1, 3, 5)).expand(4, 3, 5);
        assertArrayEquals(new long[] {5, 0}, MatrixLayout.rowMajorStrides(b));
    }

    @Test
    void transposedOrInterleavedViewsNeedACopy() {
        assertNull(MatrixLayout.rowMajorStrides(View.contiguous(Shape.of(5, 3)).transpose(0, 1)));
        View batchesOutOfOrder = View.contiguous(Shape.of(2, 4, 3, 5)).permute(1, 0, 2, 3);
        assertNull(MatrixLayout.rowMajorStrides(batchesOutOfOrder));
    }
}
