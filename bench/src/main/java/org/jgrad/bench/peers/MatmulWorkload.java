package org.jgrad.bench.peers;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;

/**
 * A float32 matrix product {@code [m, k] x [k, n]}, no graph. With {@code transposed} the right operand is a
 * weight {@code [n, k]} used as {@code W^T} (a transposed view, as in {@code Linear}; torch.mm gets
 * {@code w.t()}, which OpenBLAS reads without a copy).
 */
final class MatmulWorkload implements PeerWorkload {
    private final Tensor a;
    private final Tensor b;

    MatmulWorkload(int m, int k, int n, boolean transposed) {
        Generator gen = new Generator(PeerData.SEED);
        a = PeerData.normal(gen, m, k);
        b = transposed ? PeerData.normal(gen, n, k).transpose(0, 1) : PeerData.normal(gen, k, n);
    }

    @Override
    public Tensor step() {
        try (var noGrad = GradMode.noGrad()) {
            return a.matmul(b);
        }
    }

    static Metric metric(int m, int k, int n) {
        return Metric.throughput("GFLOP/s", 2.0 * m * k * n / 1e9);
    }
}
