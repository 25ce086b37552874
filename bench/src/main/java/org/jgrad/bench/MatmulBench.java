package org.jgrad.bench;

import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Float32 {@code n x n} matrix product on the simd backend, on one thread and on all cores. The time of one
 * product converts to GFLOP/s as {@code 2 n^3 / time} ({@link BenchReport} prints that table).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MatmulBench -p n=1024 -p backend=simd:1
 * </pre>
 */
@State(Scope.Benchmark)
public class MatmulBench extends BenchConfig {
    /** Matrix size. */
    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    /** Backend and threads, see {@link BenchBackends}. */
    @Param({"simd:1", "simd"})
    public String backend;

    private Backend be;
    private Storage a;
    private Storage b;
    private View v;

    @Setup
    public void setup() {
        be = BenchBackends.open(backend);
        a = Matrices.random(be, n * n, 1);
        b = Matrices.random(be, n * n, 2);
        v = Matrices.square(n);
    }

    @Benchmark
    public Storage matmul() {
        return be.matmul(a, v, b, v);
    }
}
