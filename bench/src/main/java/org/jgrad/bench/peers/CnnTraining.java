package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.optim.Adam;

/** Training the {@link SmallCnn}: cross-entropy on random labels of images uniform in [0, 1), Adam lr 1e-3, batch 64. */
final class CnnTraining implements PeerWorkload {
    static final int BATCH = 64;

    private final SmallCnn model;
    private final Adam optimizer;
    private final PeerData.Pool<Tensor[]> data;

    CnnTraining() {
        Generator gen = new Generator(PeerData.SEED);
        model = new SmallCnn(gen);
        optimizer = new Adam(model.parameters(), new Adam.Options().lr(1e-3));
        data = PeerData.pool(() -> new Tensor[] {PeerData.uniform(gen, BATCH, 1, 28, 28),
            PeerData.indices(BATCH, 10, gen)});
    }

    @Override
    public Tensor step() {
        Tensor[] b = data.next();
        optimizer.zeroGrad();
        Tensor l = model.forward(b[0]).crossEntropy(b[1]);
        l.backward();
        optimizer.step();
        return l;
    }
}
