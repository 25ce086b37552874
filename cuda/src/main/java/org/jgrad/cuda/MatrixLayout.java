package org.jgrad.cuda;

import org.jgrad.core.View;

/** How the gemm kernel can read a {@code [..., rows, cols]} view without a copy. */
final class MatrixLayout {
    private MatrixLayout() {
    }

    /**
     * {@code {rowStride, batchStride}} when the view's rows are dense ({@code cols} adjacent elements) and all its
     * batch dims step by one stride (so they flatten to one batch index), else null.
     */
    static long[] rowMajorStrides(View v) {
        int r = v.rank();
        int rows = v.shape().dim(r - 2);
        int cols = v.shape().dim(r - 1);
        if (cols > 1 && v.stride(r - 1) != 1) {
            return null;
        }
        int rowStride = rows > 1 ? v.stride(r - 2) : cols;
        if (rowStride < 0) {
            return null;
        }
        long batchStride = -1;
        long expectedNext = -1;
        for (int d = r - 3; d >= 0; d--) {
            int size = v.shape().dim(d);
            if (size == 1) {
                continue;
            }
            int s = v.stride(d);
            if (s < 0) {
                return null;
            }
            if (batchStride < 0) {
                batchStride = s;
            } else if (s != expectedNext) {
                return null;
            }
            expectedNext = (long) s * size;
        }
        return new long[] {rowStride, batchStride < 0 ? (long) rows * rowStride : batchStride};
    }

    /** Elements of one matrix of the view. */
    static long matrixSize(View v) {
        int r = v.rank();
        return (long) v.shape().dim(r - 2) * v.shape().dim(r - 1);
    }
}
