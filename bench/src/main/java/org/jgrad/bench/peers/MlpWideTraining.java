package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.loss.MSELoss;
import org.jgrad.nn.optim.Adam;

/** Training the 5000-wide MLP: MSE against normal targets, Adam lr 1e-3, batch 64 of sparse 0/1 inputs. */
final class MlpWideTraining implements PeerWorkload {
    static final int BATCH = 64;

    private final Sequential model;
    private final Adam optimizer;
    private final MSELoss loss = new MSELoss();
    private final PeerData.Pool<Tensor[]> data;

    MlpWideTraining() {
        Generator gen = new Generator(PeerData.SEED);
        model = MlpWide.create(gen);
        optimizer = new Adam(model.parameters(), new Adam.Options().lr(1e-3));
        data = PeerData.pool(() -> new Tensor[] {PeerData.sparseBinary(BATCH, MlpWide.INPUTS, gen),
            PeerData.normal(gen, BATCH, 1)});
    }

    @Override
    public Tensor step() {
        Tensor[] b = data.next();
        optimizer.zeroGrad();
        Tensor l = loss.forward(model.forward(b[0]), b[1]);
        l.backward();
        optimizer.step();
        return l;
    }
}
