package org.jgrad.bench.peers;

import org.jgrad.core.Generator;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;

/**
 * The 5000-wide MLP of the first row: 5000-128-64, five hidden layers 64-64, then 64-1, ReLU after
 * every layer but the last (as {@code mlp5000()} in the Python script).
 */
final class MlpWide {
    static final int INPUTS = 5000;

    private MlpWide() {
    }

    static Sequential create(Generator gen) {
        Sequential s = new Sequential(new Linear(INPUTS, 128, gen), new ReLU(), new Linear(128, 64, gen), new ReLU());
        for (int i = 0; i < 5; i++) {
            s.add(new Linear(64, 64, gen)).add(new ReLU());
        }
        return s.add(new Linear(64, 1, gen));
    }
}
