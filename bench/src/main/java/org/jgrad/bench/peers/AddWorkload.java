package org.jgrad.bench.peers;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;

/**
 * Adding two float32 vectors of {@link #N} elements: in place ({@code a.add_(b)}) or into a new tensor
 * ({@code a.add(b)}); reported in GB/s of memory traffic (read a and b, write the result: 12 bytes per element).
 */
final class AddWorkload implements PeerWorkload {
    static final int N = 16 * 1024 * 1024;

    private final Tensor a;
    private final Tensor b;
    private final boolean inPlace;

    AddWorkload(boolean inPlace) {
        Generator gen = new Generator(PeerData.SEED);
        a = PeerData.normal(gen, N);
        b = PeerData.normal(gen, N);
        this.inPlace = inPlace;
    }

    @Override
    public Tensor step() {
        try (var noGrad = GradMode.noGrad()) {
            return inPlace ? a.add_(b) : a.add(b);
        }
    }

    static Metric metric() {
        return Metric.throughput("GB/s", 3.0 * Float.BYTES * N / 1e9);
    }
}
