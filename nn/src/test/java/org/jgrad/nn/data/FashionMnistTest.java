package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Fashion-MNIST training set where Debian's {@code dataset-fashion-mnist} package is installed
 * (or where {@code -Djgrad.fashionMnistDir=...} points); skipped elsewhere.
 */
class FashionMnistTest {
    private static final Path DIR = Path.of(System.getProperty("jgrad.fashionMnistDir",
            "/usr/share/datasets/fashion-mnist"));

    @Test
    void trainingSetHasItsPublishedShape() throws IOException {
        Path images = DIR.resolve("train-images-idx3-ubyte.gz");
        Path labels = DIR.resolve("train-labels-idx1-ubyte.gz");
        assumeTrue(Files.isReadable(images) && Files.isReadable(labels), "Fashion-MNIST is not installed in " + DIR);

        NDArray x = IdxReader.readImages(images);
        assertEquals(DType.F32, x.dtype());
        assertArrayEquals(new int[] {60000, 28, 28}, x.shape().toArray());
        assertEquals(0.0, -x.neg().max().item(), "darkest pixel");
        assertEquals(1.0, x.max().item(), "brightest pixel");

        NDArray y = IdxReader.readLabels(labels);
        assertArrayEquals(new int[] {60000}, y.shape().toArray());
        // The training set is balanced: 6000 examples of each of the 10 classes.
        long[] counts = new long[10];
        for (long label : y.toLongArray()) {
            assertTrue(label >= 0 && label <= 9, "label " + label + " is not a class in [0, 9]");
            counts[(int) label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, counts[c], "examples of class " + c);
        }
    }
}
