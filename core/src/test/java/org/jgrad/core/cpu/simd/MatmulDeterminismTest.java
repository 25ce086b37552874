package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.simd.SimdMatmul.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Same inputs, same bits, whatever the thread count: every matmul variant, on the workloads' shapes and
 * layouts, gives bit-identical results when its work is split as for 1, 2, 3 and 4 threads.
 *
 * <p>How: {@code -Djgrad.threads} is read once per JVM, so the test calls the package-private
 * {@code SimdMatmul.matmul(..., threads)}, which splits the work exactly as a JVM with that many threads
 * would (the thread count only decides the split; which thread runs a chunk cannot matter, since chunks
 * write disjoint parts of C). The comparison is exact ({@link Float#floatToRawIntBits}): a split that moves
 * one rounding, or one signed zero, fails.
 */
class MatmulDeterminismTest {
    /** A product: batch (0: none), m, k, n and whether A and B are transposed views. */
    record Product(int batch, int m, int k, int n, boolean aT, boolean bT) {
        @Override
        public String toString() {
            return (batch > 0 ? batch + "x" : "") + m + "x" + k + "x" + n + (aT ? "t" : "n") + (bT ? "t" : "n");
        }
    }

    static List<Product> products() {
        List<Product> p = new ArrayList<>();
        p.add(new Product(0, 1, 5000, 128, false, true));      // batch-1 inference, nn.Linear(5000, 128)
        p.add(new Product(0, 16, 5000, 128, false, true));
        p.add(new Product(0, 64, 5000, 128, false, true));
        p.add(new Product(0, 256, 5000, 128, false, true));
        p.add(new Product(0, 10, 784, 30, false, true));
        p.add(new Product(0, 64, 128, 64, false, true));
        p.add(new Product(0, 1024, 128, 512, false, true));    // GPT: 16 x 64 tokens
        p.add(new Product(64, 64, 32, 64, false, true));       // attention q k^T
        p.add(new Product(64, 64, 64, 32, false, false));      // attention att v
        p.add(new Product(0, 128, 64, 5000, true, false));     // weight gradient grad^T x
        p.add(new Product(0, 512, 1024, 128, true, false));
        p.add(new Product(0, 64, 128, 5000, false, false));    // input gradient grad W
        p.add(new Product(0, 1024, 512, 128, false, false));
        p.add(new Product(0, 301, 521, 333, false, false));    // odd, several KC blocks, edge tiles everywhere
        return p;
    }

    @TestFactory
    Stream<DynamicTest> resultBitsDoNotDependOnTheThreadCount() {
        return products().stream().map(p -> DynamicTest.dynamicTest(p.toString(), () -> check(p)));
    }

    private static void check(Product p) {
        Random rnd = new Random(p.toString().hashCode());
        View va = view(p.batch, p.m, p.k, p.aT);
        View vb = view(p.batch, p.k, p.n, p.bT);
        float[] a = random(va.numel(), rnd);
        float[] b = random(vb.numel(), rnd);
        int outSize = Math.max(1, p.batch) * p.m * p.n;
        List<Variant> variants = new ArrayList<>();
        variants.add(null);   // the facade's choice
        for (Variant v : Variant.values()) {
            // The scalar loops are slow and split only by rows; the big shapes are enough for them once.
            if (v.available() && (v != Variant.SCALAR || (long) outSize * p.k < 50_000_000L)) {
                variants.add(v);
            }
        }
        for (Variant variant : variants) {
            float[] one = new float[outSize];
            SimdMatmul.matmul(variant, a, va, b, vb, one, 1);
            for (int threads = 2; threads <= 4; threads++) {
                float[] many = new float[outSize];
                SimdMatmul.matmul(variant, a, va, b, vb, many, threads);
                for (int i = 0; i < outSize; i++) {
                    if (Float.floatToRawIntBits(one[i]) != Float.floatToRawIntBits(many[i])) {
                        fail((variant == null ? "default" : variant) + " on " + p + ": element " + i + " is "
                                + many[i] + " split for " + threads + " threads, " + one[i] + " for 1");
                    }
                }
            }
        }
    }

    /** A dense {@code [batch,] rows x cols} view, or the transposed view of a dense {@code cols x rows}. */
    private static View view(int batch, int rows, int cols, boolean transposed) {
        Shape stored = batch > 0
                ? (transposed ? Shape.of(batch, cols, rows) : Shape.of(batch, rows, cols))
                : (transposed ? Shape.of(cols, rows) : Shape.of(rows, cols));
        View v = View.contiguous(stored);
        return transposed ? v.transpose(v.rank() - 2, v.rank() - 1) : v;
    }

    private static float[] random(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }
}
