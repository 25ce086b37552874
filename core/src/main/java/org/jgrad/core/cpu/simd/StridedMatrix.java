package org.jgrad.core.cpu.simd;

/**
 * One 2-D float32 matrix inside a storage array: element {@code (i, j)} is
 * {@code data[offset + i * rowStride + j * colStride]}. Strides may be anything a view allows (a transpose
 * swaps them, a broadcast makes one 0, a flip makes one negative); kernels that need a dense layout pack
 * the matrix first.
 *
 * <pre>{@code
 * float[] x = {1, 2, 3, 4, 5, 6};                        // [[1, 2, 3], [4, 5, 6]]
 * StridedMatrix m = new StridedMatrix(x, 0, 3, 1);
 * m.get(1, 2);                                           // 6
 * StridedMatrix t = m.transpose();                       // [[1, 4], [2, 5], [3, 6]]
 * }</pre>
 */
record StridedMatrix(float[] data, int offset, int rowStride, int colStride) {

    /** Element {@code (i, j)}. */
    float get(int i, int j) {
        return data[offset + i * rowStride + j * colStride];
    }

    /** Index in {@link #data} of element {@code (i, j)}. */
    int index(int i, int j) {
        return offset + i * rowStride + j * colStride;
    }

    /** The same elements with rows and columns swapped (no copy). */
    StridedMatrix transpose() {
        return new StridedMatrix(data, offset, colStride, rowStride);
    }

    /** A dense row-major copy of the leading {@code rows x cols} block (returned as-is when already dense). */
    StridedMatrix dense(int rows, int cols) {
        if (colStride == 1 && (rowStride == cols || rows <= 1)) {
            return this;
        }
        float[] copy = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            int from = offset + i * rowStride;
            if (colStride == 1) {
                System.arraycopy(data, from, copy, i * cols, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    copy[i * cols + j] = data[from + j * colStride];
                }
            }
        }
        return new StridedMatrix(copy, 0, cols, 1);
    }
}
