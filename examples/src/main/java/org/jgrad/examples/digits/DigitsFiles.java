package org.jgrad.examples.digits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.data.IdxReader;
import org.jgrad.nn.data.IdxType;
import org.jgrad.nn.data.IdxWriter;

/**
 * Writes the synthetic digits as MNIST-format files ({@code train-images-idx3-ubyte.gz} ...) and reads them
 * back with the IDX reader, so the training run goes through the same path as real MNIST would.
 *
 * <pre>{@code
 * DigitsFiles.Split train = DigitsFiles.write(dir, "train", 12_000, 1).read();   // images [N, 12, 12] in [0, 1]
 * }</pre>
 */
public final class DigitsFiles {
    private DigitsFiles() {
    }

    /** Images {@code [N, 12, 12]} (F32 in [0, 1]) and labels {@code [N]} (I64). */
    public record Split(NDArray images, NDArray labels) {
    }

    /** The two IDX files of one split. */
    public record Paths(Path images, Path labels) {
        /** Reads the files (gzip detected from the bytes) and checks that they hold as many images as labels. */
        public Split read() throws IOException {
            NDArray x = IdxReader.readImages(images);
            NDArray y = IdxReader.readLabels(labels);
            if (x.shape().dim(0) != y.shape().dim(0)) {
                throw new IOException(images + " holds " + x.shape().dim(0) + " images but " + labels + " holds "
                        + y.shape().dim(0) + " labels");
            }
            return new Split(x, y);
        }
    }

    /** Draws {@code count} digits with the given seed and writes them as gzip IDX files named after {@code split}. */
    public static Paths write(Path dir, String split, int count, long seed) throws IOException {
        Files.createDirectories(dir);
        SyntheticDigits.Sample s = SyntheticDigits.generate(count, new Generator(seed));
        int side = SyntheticDigits.SIDE;
        Paths paths = new Paths(dir.resolve(split + "-images-idx3-ubyte.gz"), dir.resolve(split + "-labels-idx1-ubyte.gz"));
        IdxWriter.writeGzip(paths.images(), NDArray.on().of(toInts(s.images()), DType.I32, count, side, side), IdxType.UBYTE);
        IdxWriter.writeGzip(paths.labels(), NDArray.on().of(toInts(s.labels()), DType.I32, count), IdxType.UBYTE);
        return paths;
    }

    private static int[] toInts(byte[] unsigned) {
        int[] out = new int[unsigned.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = unsigned[i] & 0xff;
        }
        return out;
    }
}
