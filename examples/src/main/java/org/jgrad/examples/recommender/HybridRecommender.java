package org.jgrad.examples.recommender;

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
 * The hybrid recommender: a collaborative branch (client and cleaner embeddings of 64, concatenated, MLP
 * 128 -> 128 -> 64 -> 32 -> 1 with ReLU and Dropout 0.2), a content branch (34 -> 128 -> 64 -> 32 -> 1 with
 * BatchNorm1d, ReLU and Dropout 0.2), mixed by a learnable {@code a = sigmoid(alpha)}:
 * {@code rating = a * collaborative + (1 - a) * content}.
 *
 * <pre>{@code
 * HybridRecommender m = new HybridRecommender(new Generator(1));
 * Tensor r = m.forward(clients, cleaners, features);   // [N, 1]
 * }</pre>
 */
public final class HybridRecommender extends Module {
    static final int DIM = 64;

    final Embedding clients;
    final Embedding cleaners;
    final Sequential collaborative;
    final Sequential content;
    /** The mix's logit, a [1] parameter (zero: an even mix at the start). */
    final Tensor alpha = Tensor.zeros(DType.F32, 1).requiresGrad(true);

    public HybridRecommender(Generator gen) {
        clients = new Embedding(Marketplace.CLIENTS, DIM, gen);
        cleaners = new Embedding(Marketplace.CLEANERS, DIM, gen);
        collaborative = new Sequential(
                new Linear(2 * DIM, 128, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(128, 64, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(64, 32, gen), new ReLU(), new Dropout(0.2, gen),
                new Linear(32, 1, gen));
        content = new Sequential(
                new Linear(Marketplace.FEATURES, 128, gen), new BatchNorm1d(128), new ReLU(), new Dropout(0.2, gen),
                new Linear(128, 64, gen), new BatchNorm1d(64), new ReLU(), new Dropout(0.2, gen),
                new Linear(64, 32, gen), new BatchNorm1d(32), new ReLU(), new Dropout(0.2, gen),
                new Linear(32, 1, gen));
    }

    /** The collaborative branch's prediction {@code [N, 1]}. */
    public Tensor collaborative(Tensor clientIds, Tensor cleanerIds) {
        return collaborative.forward(Tensor.concat(1, clients.forward(clientIds), cleaners.forward(cleanerIds)));
    }

    /** The content branch's prediction {@code [N, 1]}: all a model can say about a client it has never seen. */
    public Tensor content(Tensor features) {
        return content.forward(features);
    }

    /** The mixed prediction {@code [N, 1]}. */
    public Tensor forward(Tensor clientIds, Tensor cleanerIds, Tensor features) {
        Tensor a = alpha.sigmoid();
        return a.mul(collaborative(clientIds, cleanerIds)).add(a.neg().add(1.0).mul(content(features)));
    }

    /**
     * The prediction for a client the model has never seen (no embedding): the collaborative branch's part is
     * unknown, so its average over the training pairs ({@code collaborativeMean}) stands in, and the content
     * branch carries what is specific to the job.
     */
    public Tensor coldStart(Tensor features, double collaborativeMean) {
        Tensor a = alpha.sigmoid();
        return a.mul(collaborativeMean).add(a.neg().add(1.0).mul(content(features)));
    }

    /** The learned weight of the collaborative branch, {@code sigmoid(alpha)}. */
    public double mix() {
        return alpha.sigmoid().item();
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("HybridRecommender takes clients, cleaners and features: use"
                + " forward(clients, cleaners, features)");
    }
}
