package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.BatchNorm1d;
import org.jgrad.nn.layers.Dropout;
import org.jgrad.nn.layers.Embedding;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;

/**
 * A hybrid recommender, as {@code Recommender} in the Python script: a collaborative branch (user 507x64 and
 * item 211x64 embeddings, concatenated, then an MLP 128-128-64-32-1 with ReLU and Dropout 0.2), a content
 * branch (34 features, MLP 128-64-32-1 with BatchNorm1d and ReLU) and a learnable mix
 * {@code a * collab + (1 - a) * content} with {@code a = sigmoid(alpha)}.
 */
final class Recommender extends Module {
    static final int USERS = 507;
    static final int ITEMS = 211;
    static final int DIM = 64;
    static final int FEATURES = 34;

    final Embedding user;
    final Embedding item;
    final Sequential collab;
    final Sequential content;
    /** The mixing weight's logit, a [1] parameter (zero: an even mix at the start). */
    final Tensor alpha = Tensor.zeros(DType.F32, 1).requiresGrad(true);

    Recommender(Generator gen) {
        user = new Embedding(USERS, DIM, gen);
        item = new Embedding(ITEMS, DIM, gen);
        collab = new Sequential(
                new Linear(2 * DIM, 128, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(128, 64, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(64, 32, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(32, 1, gen));
        content = new Sequential(
                new Linear(FEATURES, 128, gen), new BatchNorm1d(128), new ReLU(),
                new Linear(128, 64, gen), new BatchNorm1d(64), new ReLU(),
                new Linear(64, 32, gen), new BatchNorm1d(32), new ReLU(),
                new Linear(32, 1, gen));
    }

    /** Predicted ratings {@code [N, 1]}. */
    Tensor forward(Tensor users, Tensor items, Tensor features) {
        Tensor a = alpha.sigmoid();
        Tensor c = collab.forward(Tensor.concat(1, user.forward(users), item.forward(items)));
        return a.mul(c).add(a.neg().add(1.0).mul(content.forward(features)));
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Recommender takes users, items and features: use forward(u, i, f)");
    }
}
