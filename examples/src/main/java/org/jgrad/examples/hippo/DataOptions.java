package org.jgrad.examples.hippo;

import java.io.IOException;
import picocli.CommandLine.Option;

/** The data options hippo's commands share (a picocli mixin): which images, how many, which seed. */
public final class DataOptions {
    @Option(names = "--data", description = "drawn (digits the project draws), fashion (Debian's Fashion-MNIST), or a"
            + " folder of MNIST-format IDX files (default ${DEFAULT-VALUE})")
    String data = "drawn";
    @Option(names = "--train-size", description = "training images, the book's 50,000 (default ${DEFAULT-VALUE})")
    int trainSize = 50_000;
    @Option(names = "--test-size", description = "test images (default ${DEFAULT-VALUE})")
    int testSize = 10_000;
    @Option(names = "--seed", description = "seed of weights, shuffling and drawn data (default ${DEFAULT-VALUE})")
    long seed = 1;

    /** The data these options name. */
    MnistSource.Data load() throws IOException {
        return MnistSource.parse(data).load(trainSize, testSize, seed);
    }
}
