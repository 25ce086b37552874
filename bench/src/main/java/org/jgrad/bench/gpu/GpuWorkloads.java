package org.jgrad.bench.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * What the GPU report measures, the same on every backend: each workload makes its inputs on a backend and
 * returns the operation to time, with the floating-point operations and bytes one run does (for GFLOP/s and
 * GB/s).
 */
final class GpuWorkloads {
    private GpuWorkloads() {
    }

    /** One measured point. {@code bytes}: what a run must read and write at least. */
    record Workload(String family, String id, long size, double flops, double bytes,
                    Function<Backend, Runnable> setup) {
    }

    static List<Workload> all(boolean quick) {
        List<Workload> list = new ArrayList<>();
        int maxN = quick ? 1024 : 8192;
        for (int n = 64; n <= maxN; n *= 2) {
            int size = n;
            list.add(new Workload("matmul", "matmul-" + n, n, 2.0 * n * n * n, 12.0 * n * n,
                    b -> product(b, size, size, size)));
        }
        // The shapes of our workloads: the wide MLP's first layer, the GPT's feed-forward and attention scores.
        list.add(new Workload("shapes", "x@W^T 64x5000x128 (MLP)", 64, 2.0 * 64 * 5000 * 128, 4.0 * (64 * 5000 + 5000 * 128 + 64 * 128),
                b -> linear(b, 64, 5000, 128)));
        list.add(new Workload("shapes", "x@W^T 1024x128x512 (GPT ff)", 1024, 2.0 * 1024 * 128 * 512,
                4.0 * (1024 * 128 + 128 * 512 + 1024 * 512), b -> linear(b, 1024, 128, 512)));
        list.add(new Workload("shapes", "q@k^T 64x[64x32x64] (GPT attention)", 64, 2.0 * 64 * 64 * 32 * 64,
                4.0 * 64 * (64 * 32 * 2 + 64 * 64), b -> scores(b, 64, 64, 32)));
        long maxE = quick ? 1L << 22 : 1L << 28;
        for (long e = 1 << 10; e <= maxE; e <<= 2) {
            int size = (int) e;
            list.add(new Workload("add", "add-" + e, e, e, 12.0 * e, b -> add(b, size)));
        }
        for (int rows : quick ? new int[] {64, 1024} : new int[] {64, 1024, 16384}) {
            int r = rows;
            list.add(new Workload("softmax", "softmax-" + rows + "x1024", (long) rows * 1024, 5.0 * rows * 1024,
                    8.0 * rows * 1024, b -> softmax(b, r, 1024)));
            list.add(new Workload("layerNorm", "layerNorm-" + rows + "x1024", (long) rows * 1024, 8.0 * rows * 1024,
                    8.0 * rows * 1024, b -> layerNorm(b, r, 1024)));
        }
        return list;
    }

    private static NDArray random(Backend b, long seed, int... shape) {
        return NDArray.on(b).randn(new Generator(seed), DType.F32, shape);
    }

    private static Runnable product(Backend b, int m, int k, int n) {
        NDArray x = random(b, 1, m, k);
        NDArray y = random(b, 2, k, n);
        return () -> x.matmul(y).release();
    }

    private static Runnable linear(Backend b, int m, int k, int n) {
        NDArray x = random(b, 1, m, k);
        NDArray w = random(b, 2, n, k);
        NDArray wt = w.transpose(0, 1);
        return () -> x.matmul(wt).release();
    }

    private static Runnable scores(Backend b, int batch, int t, int d) {
        NDArray q = random(b, 1, batch, t, d);
        NDArray k = random(b, 2, batch, t, d);
        NDArray kt = k.transpose(1, 2);
        return () -> q.matmul(kt).release();
    }

    private static Runnable add(Backend b, int n) {
        NDArray x = random(b, 1, n);
        NDArray y = random(b, 2, n);
        return () -> x.add(y).release();
    }

    private static Runnable softmax(Backend b, int rows, int cols) {
        NDArray x = random(b, 1, rows, cols);
        return () -> x.softmax(1).release();
    }

    private static Runnable layerNorm(Backend b, int rows, int cols) {
        NDArray x = random(b, 1, rows, cols);
        return () -> x.layerNorm(1, 1e-5).release();
    }
}
