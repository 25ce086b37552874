package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.loss.MSELoss;
import org.jgrad.nn.optim.Adam;

/** Training the {@link Recommender}: MSE against ratings uniform in [1, 5), Adam lr 1e-3, batch 256. */
final class RecommenderTraining implements PeerWorkload {
    static final int BATCH = 256;

    private final Recommender model;
    private final Adam optimizer;
    private final MSELoss loss = new MSELoss();
    private final PeerData.Pool<Tensor[]> data;

    RecommenderTraining() {
        Generator gen = new Generator(PeerData.SEED);
        model = new Recommender(gen);
        optimizer = new Adam(model.parameters(), new Adam.Options().lr(1e-3));
        data = PeerData.pool(() -> new Tensor[] {
            PeerData.indices(BATCH, Recommender.USERS, gen),
            PeerData.indices(BATCH, Recommender.ITEMS, gen),
            PeerData.normal(gen, BATCH, Recommender.FEATURES),
            PeerData.uniform(gen, BATCH, 1).mul(4.0).add(1.0)});
    }

    @Override
    public Tensor step() {
        Tensor[] b = data.next();
        optimizer.zeroGrad();
        Tensor l = loss.forward(model.forward(b[0], b[1], b[2]), b[3]);
        l.backward();
        optimizer.step();
        return l;
    }
}
