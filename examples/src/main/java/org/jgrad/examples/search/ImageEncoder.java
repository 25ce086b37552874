package org.jgrad.examples.search;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.Conv2d;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.MaxPool2d;

/**
 * A small CNN for 28 x 28 grey images, trained on the categories; its penultimate layer gives the image
 * vectors used for search:
 * <pre>
 * [N, 1, 28, 28] -conv 3x3 (16), ReLU, max-pool 2-> [N, 16, 14, 14]
 *                -conv 3x3 (32), ReLU, max-pool 2-> [N, 32, 7, 7] -> flatten 1568
 *                -linear 1568 -> dim, ReLU-> image vector [N, dim] -linear dim -> classes-> logits
 * </pre>
 *
 * <pre>{@code
 * ImageEncoder cnn = new ImageEncoder(64, 10, new Generator(1));
 * Tensor logits = cnn.forward(images);       // images [N, 784] or [N, 1, 28, 28]
 * Tensor vectors = cnn.features(images);     // [N, 64]
 * }</pre>
 */
public class ImageEncoder extends Module {
    public static final int SIDE = 28;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final MaxPool2d pool = new MaxPool2d(2);
    private final Linear embed;
    private final Linear classify;

    public ImageEncoder(int dim, int classes, Generator gen) {
        conv1 = new Conv2d(1, 16, 3, 1, gen);
        conv2 = new Conv2d(16, 32, 3, 1, gen);
        embed = new Linear(32 * 7 * 7, dim, gen);
        classify = new Linear(dim, classes, gen);
    }

    /** The image vectors {@code [N, dim]} (after the ReLU, so non-negative). */
    public Tensor features(Tensor images) {
        Tensor x = images.reshape(-1, 1, SIDE, SIDE);
        x = pool.forward(conv1.forward(x).relu());
        x = pool.forward(conv2.forward(x).relu());
        return embed.forward(x.reshape(x.size(0), -1)).relu();
    }

    /** Class logits {@code [N, classes]}. */
    @Override
    public Tensor forward(Tensor images) {
        return classify.forward(features(images));
    }
}
