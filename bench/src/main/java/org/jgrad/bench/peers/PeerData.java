package org.jgrad.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;

/**
 * Random data pools, built before timing and cycled through, as {@code torch_workloads.py} builds its own
 * (same seed number and distributions; the generators differ, so not the same bits).
 *
 * <pre>{@code
 * PeerData.Pool<Tensor[]> pool = PeerData.pool(() -> new Tensor[] {PeerData.sparseBinary(64, gen), ...});
 * Tensor[] batch = pool.next();
 * }</pre>
 */
public final class PeerData {
    /** The seed of every pool and model on both sides. */
    public static final long SEED = 0;

    /** Batches per pool, as {@code POOL_BATCHES} in the Python script. */
    public static final int POOL_BATCHES = 16;

    /** Share of ones in the sparse 0/1 input of the 5000-wide MLP. */
    public static final double SPARSE_ONES = 0.02;

    private PeerData() {
    }

    /** Batches cycled through in order. */
    public static final class Pool<T> {
        private final List<T> batches;
        private int next;

        Pool(List<T> batches) {
            this.batches = List.copyOf(batches);
        }

        /** The next batch, wrapping around at the end. */
        public T next() {
            T b = batches.get(next);
            next = (next + 1) % batches.size();
            return b;
        }
    }

    /** A pool of {@link #POOL_BATCHES} batches, each made by {@code batch}. */
    public static <T> Pool<T> pool(Supplier<T> batch) {
        List<T> batches = new ArrayList<>(POOL_BATCHES);
        for (int i = 0; i < POOL_BATCHES; i++) {
            batches.add(batch.get());
        }
        return new Pool<>(batches);
    }

    /** {@code [rows, cols]} float32 zeros with ones at a share {@link #SPARSE_ONES} of the places, at random. */
    public static Tensor sparseBinary(int rows, int cols, Generator gen) {
        NDArray u = NDArray.rand(gen, DType.F32, rows, cols);
        return Tensor.of(u.lt(NDArray.scalar(SPARSE_ONES, DType.F32)).to(DType.F32));
    }

    /** Standard normal float32 values. */
    public static Tensor normal(Generator gen, int... shape) {
        return Tensor.of(NDArray.randn(gen, DType.F32, shape));
    }

    /** Uniform float32 values in {@code [0, 1)}. */
    public static Tensor uniform(Generator gen, int... shape) {
        return Tensor.of(NDArray.rand(gen, DType.F32, shape));
    }

    /** {@code count} uniform integers in {@code [0, bound)}. */
    public static long[] randomInts(int count, int bound, Generator gen) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = (long) (gen.nextDouble() * bound);
        }
        return out;
    }

    /** An int64 tensor {@code [count]} of uniform integers in {@code [0, bound)}. */
    public static Tensor indices(int count, int bound, Generator gen) {
        return Tensor.of(randomInts(count, bound, gen));
    }
}
