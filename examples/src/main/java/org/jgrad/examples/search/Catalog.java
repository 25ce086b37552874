package org.jgrad.examples.search;

import java.io.IOException;
import java.nio.file.Files;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.examples.hippo.MnistSource;

/**
 * The products: 28 x 28 images with a category and a generated description each. Training products come first
 * (the encoders learn from them), then the held-out ones (queries are drawn from them); search runs over all.
 *
 * <pre>{@code
 * Catalog c = Catalog.load("auto", 60_000, 10_000, 1);   // Fashion-MNIST if installed: 70,000 products
 * String text = c.descriptions()[0];
 * }</pre>
 *
 * @param source       where the images came from, for the report
 * @param images       {@code [P, 784]} F32 in [0, 1]
 * @param labels       category per product
 * @param descriptions generated text per product
 * @param words        the category names and description words used
 * @param trainCount   products {@code [0, trainCount)} are for training, the rest held out
 */
public record Catalog(String source, NDArray images, int[] labels, String[] descriptions, Descriptions words,
                      int trainCount) {

    /**
     * {@code data}: {@code auto} (Fashion-MNIST where Debian's package is installed, else drawn digits),
     * {@code fashion}, {@code drawn}, or a folder of MNIST-format IDX files (described with Fashion-MNIST's words).
     */
    public static Catalog load(String data, int trainSize, int testSize, long seed) throws IOException {
        String spec = data.equals("auto") ? (Files.isDirectory(MnistSource.DEBIAN_FASHION) ? "fashion" : "drawn")
                : data;
        MnistSource.Data d = MnistSource.parse(spec).load(trainSize, testSize, seed);
        Descriptions words = spec.equals("drawn") ? Descriptions.DIGITS : Descriptions.FASHION;
        NDArray images = NDArray.concat(0, d.trainImages(), d.testImages()).to(DType.F32).contiguous();
        long[] l1 = (long[]) d.trainLabels().to(DType.I64).toArray();
        long[] l2 = (long[]) d.testLabels().to(DType.I64).toArray();
        int[] labels = new int[l1.length + l2.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) (i < l1.length ? l1[i] : l2[i - l1.length]);
        }
        float[] pixels = images.toFloatArray();
        int side = 28 * 28;
        Generator gen = new Generator(seed + 77);
        String[] descriptions = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            float[] one = java.util.Arrays.copyOfRange(pixels, i * side, (i + 1) * side);
            descriptions[i] = words.describe(labels[i], one, gen);
        }
        return new Catalog(d.description(), images, labels, descriptions, words, l1.length);
    }

    public int size() {
        return labels.length;
    }

    /** The pixels of product {@code i}, 784 values in [0, 1]. */
    public float[] pixels(int i) {
        return images.slice(0, i, i + 1, 1).toFloatArray();
    }

    /** Products of each category among {@code [0, size)}, for recall: relevant = same category. */
    public int[] categoryCounts() {
        int[] counts = new int[words.categories().length];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }
}
