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
 * The same product on the scalar float64 reference backend, the baseline. Sizes stop at 256: the
 * reference is a plain triple loop of 1 to 2 GFLOP/s, so n = 1024 would take about 4 seconds per call.
 * (Named so that the pattern {@code MatmulBench} selects the simd benchmark alone.)
 */
@State(Scope.Benchmark)
public class MatmulReferenceBench extends BenchConfig {
    /** Matrix size. */
    @Param({"64", "128", "256"})
    public int n;

    private Backend be;
    private Storage a;
    private Storage b;
    private View v;

    @Setup
    public void setup() {
        be = BenchBackends.open("reference");
        a = Matrices.random(be, n * n, 1);
        b = Matrices.random(be, n * n, 2);
        v = Matrices.square(n);
    }

    @Benchmark
    public Storage matmul() {
        return be.matmul(a, v, b, v);
    }
}
