package org.jgrad.core.cpu.reference;

import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.MultiIndex;

/**
 * The textbook matrix product, {@code c[i][j] = sum_k a[i][k] * b[k][j]}, accumulated in float64, for
 * each batch index. Slow on purpose: it is the definition the fast kernels are checked against.
 */
final class ReferenceMatmul {
    private ReferenceMatmul() {
    }

    static void matmul(CpuStorage a, View va, CpuStorage b, View vb, CpuStorage out) {
        int rank = va.rank();
        int m = va.shape().dim(rank - 2);
        int k = va.shape().dim(rank - 1);
        int n = vb.shape().dim(rank - 1);
        int[] batchDims = new int[rank - 2];
        for (int d = 0; d < rank - 2; d++) {
            batchDims[d] = va.shape().dim(d);
        }
        Shape batch = Shape.of(batchDims);
        if (batch.numel() == 0 || m == 0 || n == 0) {
            return;
        }
        int[] sa = va.strides();
        int[] sb = vb.strides();
        int sam = sa[rank - 2], sak = sa[rank - 1];
        int sbk = sb[rank - 2], sbn = sb[rank - 1];
        MultiIndex it = new MultiIndex(batch);
        int o = 0;
        do {
            int baseA = it.offset(sa, va.offset());
            int baseB = it.offset(sb, vb.offset());
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += a.getDouble(baseA + i * sam + p * sak) * b.getDouble(baseB + p * sbk + j * sbn);
                    }
                    out.setDouble(o++, sum);
                }
            }
        } while (it.next());
    }
}
