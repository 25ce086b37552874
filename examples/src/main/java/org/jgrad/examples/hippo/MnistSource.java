package org.jgrad.examples.hippo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.data.IdxReader;

/**
 * Where the 28 x 28 images come from: MNIST-format IDX files in a folder (MNIST, Fashion-MNIST, or any
 * other in that format), Debian's {@code dataset-fashion-mnist} package, or digits the project draws itself
 * ({@link DrawnDigits}, the default, so that everything runs anywhere).
 *
 * <pre>{@code
 * MnistSource.Data d = MnistSource.parse("drawn").load(50_000, 10_000, 1);
 * MnistSource.parse("fashion").load(...);          // /usr/share/... after scripts/install-learners.sh
 * MnistSource.parse("/data/mnist").load(...);      // train-images-idx3-ubyte(.gz), t10k-images-..., labels
 * }</pre>
 */
public record MnistSource(String name, Path folder) {
    /** Where Debian's dataset-fashion-mnist package puts the IDX files. */
    public static final Path DEBIAN_FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    /** Training and test splits: images {@code [N, 784]} F32 in [0, 1], labels {@code [N]} I64. */
    public record Data(String description, NDArray trainImages, NDArray trainLabels, NDArray testImages,
                       NDArray testLabels) {
    }

    /** {@code drawn}, {@code fashion}, or a folder of IDX files. */
    public static MnistSource parse(String spec) {
        return switch (spec) {
            case "drawn" -> new MnistSource("drawn", null);
            case "fashion" -> new MnistSource("fashion", DEBIAN_FASHION);
            default -> new MnistSource("folder", Path.of(spec));
        };
    }

    /**
     * Loads (or draws) the data: up to {@code trainSize} training and {@code testSize} test images.
     *
     * @throws IOException when a folder lacks the four files or holds malformed ones (the message names them)
     */
    public Data load(int trainSize, int testSize, long seed) throws IOException {
        if (folder == null) {
            DrawnDigits.Split train = DrawnDigits.generate(trainSize, new Generator(seed));
            DrawnDigits.Split test = DrawnDigits.generate(testSize, new Generator(seed + 1_000_003));
            return new Data("digits drawn by the project (28x28, seed " + seed + ")", flat(train.images()),
                    train.labels(), flat(test.images()), test.labels());
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(name.equals("fashion")
                    ? "Fashion-MNIST is not installed (" + folder + " is missing): run scripts/install-learners.sh"
                    : "no folder " + folder.toAbsolutePath() + " (expected MNIST-format IDX files there)");
        }
        NDArray trainX = IdxReader.readImages(find("train-images-idx3-ubyte"));
        NDArray trainY = IdxReader.readLabels(find("train-labels-idx1-ubyte"));
        NDArray testX = IdxReader.readImages(find("t10k-images-idx3-ubyte"));
        NDArray testY = IdxReader.readLabels(find("t10k-labels-idx1-ubyte"));
        int n = Math.min(trainSize, trainX.shape().dim(0));
        int t = Math.min(testSize, testX.shape().dim(0));
        return new Data(name.equals("fashion") ? "Fashion-MNIST (" + folder + ")" : "IDX files in " + folder,
                flat(trainX.slice(0, 0, n, 1)), trainY.slice(0, 0, n, 1), flat(testX.slice(0, 0, t, 1)),
                testY.slice(0, 0, t, 1));
    }

    private Path find(String stem) throws IOException {
        for (String name : new String[] {stem, stem + ".gz"}) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("no " + stem + " (or " + stem + ".gz) in " + folder.toAbsolutePath());
    }

    private static NDArray flat(NDArray images) {
        return images.reshape(images.shape().dim(0), -1).contiguous();
    }
}
