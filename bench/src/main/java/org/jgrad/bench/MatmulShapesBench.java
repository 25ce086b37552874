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
 * Float32 matrix products in the shapes the workloads run, with the operand layouts they have: an
 * {@code nn.Linear} stores its weight {@code [out, in]}, so the forward product is {@code x @ W^T} with
 * {@code W^T} a transposed view ("nt"), the weight gradient is {@code grad^T @ x} ("tn") and the input
 * gradient is {@code grad @ W} ("nn"). {@link BenchReport} prints GFLOP/s from {@link Matrices.Product#flops()}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MatmulShapesBench -p shape=1x5000x128nt -p backend=simd:1
 * </pre>
 */
@State(Scope.Benchmark)
public class MatmulShapesBench extends BenchConfig {
    /** {@code [BATCHx]MxKxN} and the layouts of A and B, see {@link Matrices.Product#parse}. */
    @Param({
        "1x5000x128nt", "16x5000x128nt", "64x5000x128nt", "256x5000x128nt",   // MLP on 5000 features, forward
        "10x784x30nt", "64x128x64nt", "1024x128x512nt",                       // small MLP; GPT (16 x 64 tokens)
        "64x64x32x64nt", "64x64x64x32nn",                                     // attention q k^T and att v
        "128x64x5000tn", "512x1024x128tn",                                    // weight gradients grad^T x
        "64x128x5000nn", "1024x512x128nn"})                                   // input gradients grad W
    public String shape;

    /** Backend and threads, see {@link BenchBackends}. */
    @Param({"simd:1", "simd:2"})
    public String backend;

    private Backend be;
    private Storage a;
    private Storage b;
    private View va;
    private View vb;

    @Setup
    public void setup() {
        be = BenchBackends.open(backend);
        Matrices.Product p = Matrices.Product.parse(shape);
        a = Matrices.random(be, p.aView().numel(), 1);
        b = Matrices.random(be, p.bView().numel(), 2);
        va = p.aView();
        vb = p.bView();
    }

    @Benchmark
    public Storage matmul() {
        return be.matmul(a, va, b, vb);
    }
}
