package org.jgrad.examples.digits;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Buffer;
import org.jgrad.nn.Module;
import org.jgrad.nn.data.Standardizer;
import org.jgrad.nn.layers.Dropout;
import org.jgrad.nn.layers.Flatten;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;

/**
 * The MLP of the digits run: flatten, standardise with the training set's statistics (kept as buffers, so
 * a checkpoint carries its own preprocessing), then {@code Linear -> ReLU -> Dropout -> Linear} to 10 logits.
 *
 * <pre>{@code
 * DigitsClassifier model = new DigitsClassifier(144, 128, 0.1, new Generator(1));
 * model.setStandardizer(new Standardizer().fit(trainFeatures));
 * Tensor logits = model.forward(images);   // [N, 10]
 * }</pre>
 */
public final class DigitsClassifier extends Module {
    @Buffer private final Tensor featureMean;
    @Buffer private final Tensor featureScale;
    private final Flatten flatten = new Flatten();
    private final Sequential net;

    public DigitsClassifier(int inputs, int hidden, double dropout, Generator gen) {
        featureMean = Tensor.zeros(DType.F32, inputs);
        featureScale = Tensor.ones(DType.F32, inputs);
        net = new Sequential(new Linear(inputs, hidden, gen), new ReLU(), new Dropout(dropout, gen),
                new Linear(hidden, 10, gen));
    }

    /** Stores the training set's per-feature statistics in the model's buffers. */
    public void setStandardizer(Standardizer fitted) {
        try (var noGrad = GradMode.noGrad()) {
            featureMean.copy_(Tensor.of(fitted.mean()));
            featureScale.copy_(Tensor.of(fitted.scale()));
        }
    }

    /** Images {@code [N, H, W]} (or already flat {@code [N, H*W]}) to logits {@code [N, 10]}. */
    @Override
    public Tensor forward(Tensor images) {
        Tensor x = flatten.forward(images);
        return net.forward(x.sub(featureMean).div(featureScale));
    }

    /** Predicted classes {@code [N]} (I64), in evaluation mode and without recording a graph. */
    public NDArray predict(Tensor images) {
        boolean wasTraining = isTraining();
        eval();
        try (var noGrad = GradMode.noGrad()) {
            return forward(images).argmax(1, false).data();
        } finally {
            train(wasTraining);
        }
    }
}
