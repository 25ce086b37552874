package org.jgrad.bench.peers;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.layers.Sequential;

/** Inference of the 5000-wide MLP (evaluation mode, no graph) on batches of sparse 0/1 inputs. */
final class MlpWideInference implements PeerWorkload {
    private final Sequential model;
    private final PeerData.Pool<Tensor> data;

    MlpWideInference(int batch) {
        Generator gen = new Generator(PeerData.SEED);
        model = MlpWide.create(gen);
        model.eval();
        data = PeerData.pool(() -> PeerData.sparseBinary(batch, MlpWide.INPUTS, gen));
    }

    @Override
    public Tensor step() {
        try (var noGrad = GradMode.noGrad()) {
            return model.forward(data.next());
        }
    }
}
