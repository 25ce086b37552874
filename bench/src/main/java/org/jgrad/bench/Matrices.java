package org.jgrad.bench;

import java.util.SplittableRandom;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/** Random float32 inputs for the benchmarks, made on the backend under test. */
final class Matrices {
    private Matrices() {
    }

    /** A dense storage of {@code count} floats uniform in [-1, 1), the same for every run with one seed. */
    static Storage random(Backend backend, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] data = new float[count];
        for (int i = 0; i < count; i++) {
            data[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return backend.fromArray(data, DType.F32);
    }

    /** The dense row-major view of an {@code n x n} matrix. */
    static View square(int n) {
        return View.contiguous(Shape.of(n, n));
    }

    /**
     * A product in a benchmark's words: {@code "[BATCHx]MxKxN"} then two letters for the layouts of A and B,
     * {@code n} (dense row-major) or {@code t} (a transposed view of a dense matrix stored the other way round,
     * as an {@code nn.Linear} weight {@code [out, in]} is when used as {@code W^T}).
     *
     * <pre>{@code
     * Product p = Product.parse("64x5000x128nt");   // x [64, 5000] @ W^T, W stored [128, 5000]
     * }</pre>
     */
    record Product(int batch, int m, int k, int n, boolean aTransposed, boolean bTransposed) {
        static Product parse(String spec) {
            String dims = spec.substring(0, spec.length() - 2);
            String layouts = spec.substring(spec.length() - 2);
            if (!layouts.matches("[nt][nt]")) {
                throw new IllegalArgumentException("product " + spec + ": expected [BATCHx]MxKxN then nn, nt, tn or tt");
            }
            String[] parts = dims.split("x");
            int[] d = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                d[i] = Integer.parseInt(parts[i]);
            }
            if (d.length == 3) {
                return new Product(0, d[0], d[1], d[2], layouts.charAt(0) == 't', layouts.charAt(1) == 't');
            }
            if (d.length == 4) {
                return new Product(d[0], d[1], d[2], d[3], layouts.charAt(0) == 't', layouts.charAt(1) == 't');
            }
            throw new IllegalArgumentException("product " + spec + ": expected 3 or 4 sizes, got " + d.length);
        }

        /** Multiply-adds times 2. */
        double flops() {
            return 2.0 * Math.max(1, batch) * m * k * n;
        }

        View aView() {
            return view(m, k, aTransposed);
        }

        View bView() {
            return view(k, n, bTransposed);
        }

        /** A {@code rows x cols} (batched) view, either dense or the transpose of a dense {@code cols x rows}. */
        private View view(int rows, int cols, boolean transposed) {
            Shape stored = batch > 0
                    ? (transposed ? Shape.of(batch, cols, rows) : Shape.of(batch, rows, cols))
                    : (transposed ? Shape.of(cols, rows) : Shape.of(rows, cols));
            View v = View.contiguous(stored);
            return transposed ? v.transpose(v.rank() - 2, v.rank() - 1) : v;
        }
    }
}
