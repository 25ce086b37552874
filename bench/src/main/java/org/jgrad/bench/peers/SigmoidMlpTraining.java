package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.layers.Sigmoid;
import org.jgrad.nn.optim.SGD;

/**
 * Nielsen's network: 784-30-10 with sigmoids, the quadratic cost {@code 1/(2n) sum ||a - y||^2}, plain SGD
 * with lr 3.0; inputs uniform in [0, 1), one-hot targets.
 */
final class SigmoidMlpTraining implements PeerWorkload {
    private final int batch;
    private final Sequential model;
    private final SGD optimizer;
    private final PeerData.Pool<Tensor[]> data;

    SigmoidMlpTraining(int batch) {
        this.batch = batch;
        Generator gen = new Generator(PeerData.SEED);
        model = new Sequential(new Linear(784, 30, gen), new Sigmoid(), new Linear(30, 10, gen), new Sigmoid());
        optimizer = new SGD(model.parameters(), new SGD.Options(3.0));
        data = PeerData.pool(() -> new Tensor[] {PeerData.uniform(gen, batch, 784), oneHot(batch, gen)});
    }

    private static Tensor oneHot(int batch, Generator gen) {
        float[][] y = new float[batch][10];
        long[] labels = PeerData.randomInts(batch, 10, gen);
        for (int i = 0; i < batch; i++) {
            y[i][(int) labels[i]] = 1;
        }
        return Tensor.of(y);
    }

    @Override
    public Tensor step() {
        Tensor[] b = data.next();
        optimizer.zeroGrad();
        Tensor cost = model.forward(b[0]).sub(b[1]).square().sum().div(2.0 * batch);
        cost.backward();
        optimizer.step();
        return cost;
    }
}
