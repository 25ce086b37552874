package org.jgrad.testkit;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * Sample spaces of {@code matmul} with {@code torch.matmul} semantics: vector-vector, matrix-vector,
 * vector-matrix, matrix-matrix and batched products with broadcasting batch dims; M, N, K from 0 to
 * {@code maxDim - 1} (4 with the default sizes; 47 with the large ones, enough for the packed kernels).
 *
 * <pre>{@code
 * // SampleInput([2, 1, 3, 4]{..}, [5, 4, 2]{..}, form=batched)  ->  shape [2, 5, 3, 2]
 * SampleSpace m = MatmulSamples.matmul();
 * }</pre>
 */
public final class MatmulSamples {
    private MatmulSamples() {
    }

    /** Two data operands (domains 0 and 1) and the form drawn. */
    public static SampleSpace matmul() {
        return (sizes, doms) -> {
            int maxMnk = Math.max(1, sizes.maxDim());
            // Large sizes lean to big M, N, K (half of maxDim and up), so that m >= 16, n >= 16, mnk >= 32^3
            // (a vectorised backend's packed kernel) is common; small sizes draw 1..maxDim-1 uniformly.
            int big = Math.max(1, maxMnk / 2);
            Arbitrary<Integer> mnk = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(maxMnk > Shapes.MAX_DIM ? 6 : 0,
                            Arbitraries.integers().between(big, Math.max(big, maxMnk - 1))),
                    net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, Math.max(1, maxMnk - 1))),
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(0)));
            // Batches stay small: at most 6 matrices, and 1 when the matrices themselves are large.
            int batchNumel = (int) Math.max(1, Math.min(6, sizes.maxNumel() / ((long) maxMnk * maxMnk)));
            Arbitrary<BroadcastShapes> batch = Shapes.broadcastShapes(2, Math.max(0, Math.min(2, sizes.maxRank() - 2)),
                    batchNumel, Shapes.MAX_DIM);
            int matrixWeight = maxMnk > Shapes.MAX_DIM ? 6 : 1;
            Arbitrary<String> form = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, "1d.1d"),
                    net.jqwik.api.Tuple.of(1, "2d.1d"), net.jqwik.api.Tuple.of(1, "1d.2d"),
                    net.jqwik.api.Tuple.of(matrixWeight, "2d.2d"), net.jqwik.api.Tuple.of(matrixWeight, "batched"),
                    net.jqwik.api.Tuple.of(1, "batched.1d"), net.jqwik.api.Tuple.of(1, "1d.batched"));
            return Combinators.combine(form, mnk, mnk, mnk, batch).as(MatmulSamples::shapes)
                    .flatMap(f -> Combinators.combine(Tensors.data(f.a, doms.get(0)), Tensors.data(f.b, doms.get(1)))
                            .as((a, b) -> SampleInput.of(Operand.data(a), Operand.data(b)).with("form", f.form)));
        };
    }

    private record Form(String form, Shape a, Shape b) {
    }

    private static Form shapes(String form, int m, int n, int k, BroadcastShapes batch) {
        int[] ba = batch.input(0).toArray();
        int[] bb = batch.input(1).toArray();
        return switch (form) {
            case "1d.1d" -> new Form(form, Shape.of(k), Shape.of(k));
            case "2d.1d" -> new Form(form, Shape.of(m, k), Shape.of(k));
            case "1d.2d" -> new Form(form, Shape.of(k), Shape.of(k, n));
            case "2d.2d" -> new Form(form, Shape.of(m, k), Shape.of(k, n));
            case "batched.1d" -> new Form(form, Shape.of(append(ba, m, k)), Shape.of(k));
            case "1d.batched" -> new Form(form, Shape.of(k), Shape.of(append(bb, k, n)));
            default -> new Form(form, Shape.of(append(ba, m, k)), Shape.of(append(bb, k, n)));
        };
    }

    private static int[] append(int[] batch, int rows, int cols) {
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }
}
