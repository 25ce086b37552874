package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxRoundTripTest {
    private Path dir;

    @BeforeTry
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("idx-test");
    }

    @AfterTry
    void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(0, 5).array(int[].class).ofMinSize(1).ofMaxSize(4);
    }

    /** Values spanning the whole range of {@code type}, in the dtype the reader returns for it. */
    static NDArray randomValues(IdxType type, int[] shape, long seed) {
        Generator g = new Generator(seed);
        int n = Shape.of(shape).numel();
        return switch (type) {
            case FLOAT -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (g.nextGaussian() * Math.pow(10, g.nextDouble() * 60 - 30));
                }
                yield NDArray.on().of(v, DType.F32, shape);
            }
            case DOUBLE -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = g.nextGaussian() * Math.pow(10, g.nextDouble() * 600 - 300);
                }
                yield NDArray.on().of(v, DType.F64, shape);
            }
            default -> {
                int[] v = new int[n];
                long span = (long) type.max() - (long) type.min() + 1;
                for (int i = 0; i < n; i++) {
                    v[i] = (int) ((long) type.min() + Math.floorMod(g.nextLong(), span));
                }
                yield NDArray.on().of(v, DType.I32, shape);
            }
        };
    }

    /** Every type, raw and gzip, for each generated shape, so no combination is left to chance. */
    @Property(tries = 25)
    void writeThenReadGivesTheSameArray(@ForAll("shapes") int[] shape, @ForAll long seed) throws IOException {
        for (IdxType type : IdxType.values()) {
            for (boolean gzip : new boolean[] {false, true}) {
                roundTrip(shape, type, gzip, seed);
            }
        }
    }

    private void roundTrip(int[] shape, IdxType type, boolean gzip, long seed) throws IOException {
        String what = type + (gzip ? " gzip " : " raw ") + Arrays.toString(shape);
        NDArray values = randomValues(type, shape, seed);
        // A misleading name on purpose: the reader must go by the content, not the extension.
        Path path = dir.resolve(gzip ? "data.idx" : "data.idx.gz");
        if (gzip) {
            IdxWriter.writeGzip(path, values, type);
        } else {
            IdxWriter.write(path, values, type);
            assertEquals(4 + 4L * shape.length + (long) values.numel() * type.byteSize(), Files.size(path), what);
        }
        try (InputStream in = Files.newInputStream(path)) {
            assertEquals(gzip ? 0x1f : 0x00, in.read(), "first byte of " + what);
        }
        NDArray read = IdxReader.read(path);
        assertEquals(type.dtype(), read.dtype(), what);
        assertArrayEquals(shape, read.shape().toArray(), what);
        switch (type) {
            case FLOAT -> assertArrayEquals(values.toFloatArray(), read.toFloatArray(), what);
            case DOUBLE -> assertArrayEquals(values.toDoubleArray(), read.toDoubleArray(), what);
            default -> assertArrayEquals((int[]) values.toArray(), (int[]) read.toArray(), what);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "the temporary file of the atomic write was left behind: " + what);
        }
        Files.delete(path);
    }

    @Test
    void largerThanOneReadChunk(@TempDir Path tmp) throws IOException {
        // 200k elements cross the reader's 64k-element chunks and its first 1M-element allocation is not hit.
        NDArray values = randomValues(IdxType.SHORT, new int[] {200_003}, 9);
        Path path = tmp.resolve("big.idx.gz");
        IdxWriter.writeGzip(path, values, IdxType.SHORT);
        assertArrayEquals((int[]) values.toArray(), (int[]) IdxReader.read(path).toArray());
    }

    @Test
    void imagesAreScaledAndLabelsAreI64(@TempDir Path tmp) throws IOException {
        Path images = tmp.resolve("images");
        IdxWriter.write(images, NDArray.of(new int[][][] {{{0, 255}, {51, 128}}}), IdxType.UBYTE);
        NDArray x = IdxReader.readImages(images);
        assertEquals(DType.F32, x.dtype());
        assertArrayEquals(new int[] {1, 2, 2}, x.shape().toArray());
        // Exact: a float32 division is one correctly rounded IEEE operation, as torch's img.float() / 255 is.
        assertArrayEquals(new float[] {0f, 1f, 51f / 255f, 128f / 255f}, x.toFloatArray());

        Path labels = tmp.resolve("labels.gz");
        IdxWriter.writeGzip(labels, NDArray.of(new int[] {3, 0, 9}), IdxType.UBYTE);
        NDArray y = IdxReader.readLabels(labels);
        assertEquals(DType.I64, y.dtype());
        assertArrayEquals(new long[] {3, 0, 9}, y.toLongArray());

        var notPixels = assertThrows(IOException.class, () -> {
            IdxWriter.write(images, NDArray.of(new float[] {0.5f}), IdxType.FLOAT);
            IdxReader.readImages(images);
        });
        assertTrue(notPixels.getMessage().contains("holds FLOAT values, expected UBYTE"), notPixels.getMessage());
        var notLabels = assertThrows(IOException.class, () -> IdxReader.readLabels(tmp.resolve("images")));
        assertTrue(notLabels.getMessage().contains("expected a 1-D file of an integer type"), notLabels.getMessage());
    }

    @Test
    void writerRejectsValuesTheTypeCannotHold(@TempDir Path tmp) throws IOException {
        Path path = tmp.resolve("x.idx");
        IdxWriter.write(path, NDArray.of(new int[] {1, 2}), IdxType.UBYTE);
        byte[] before = Files.readAllBytes(path);
        var range = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.write(path, NDArray.of(new int[] {1, 256}), IdxType.UBYTE));
        assertTrue(range.getMessage().contains("value 256 at flat index 1 does not fit UBYTE (range [0, 255])"),
                range.getMessage());
        var neg = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.write(path, NDArray.of(new long[] {-129}), IdxType.SBYTE));
        assertTrue(neg.getMessage().contains("value -129"), neg.getMessage());
        var floats = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.write(path, NDArray.of(new float[] {1}), IdxType.INT));
        assertTrue(floats.getMessage().contains("cannot write a F32 array as INT"), floats.getMessage());
        var scalar = assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.write(path, NDArray.scalar(1, DType.F32), IdxType.FLOAT));
        assertTrue(scalar.getMessage().contains("IDX files hold 1 to 8 dims"), scalar.getMessage());
        assertArrayEquals(before, Files.readAllBytes(path), "a rejected write changed the existing file");
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "a rejected write left a file behind");
        }
    }
}
