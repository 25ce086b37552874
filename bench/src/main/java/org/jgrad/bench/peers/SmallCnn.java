package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.Conv2d;
import org.jgrad.nn.layers.Flatten;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.MaxPool2d;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;

/**
 * The image encoder of the product-search example, as {@code small_cnn()} in the Python script: conv 3x3 (16,
 * padding 1), ReLU, max-pool 2, conv 3x3 (32, padding 1), ReLU, max-pool 2, linear 1568 -> 64, ReLU, linear
 * 64 -> 10, on 28 x 28 grey images.
 */
final class SmallCnn extends Module {
    final Sequential layers;

    SmallCnn(Generator gen) {
        layers = new Sequential(new Conv2d(1, 16, 3, 1, gen), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 3, 1, gen), new ReLU(), new MaxPool2d(2), new Flatten(),
                new Linear(32 * 7 * 7, 64, gen), new ReLU(), new Linear(64, 10, gen));
    }

    @Override
    public Tensor forward(Tensor images) {
        return layers.forward(images);
    }
}
