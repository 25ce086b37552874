package org.jgrad.nn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by the gzip
 * magic bytes {@code 1f 8b}, whatever the file is called).
 *
 * <p>The format: a big-endian magic number {@code 00 00 type ndims}, then {@code ndims} big-endian int32
 * sizes, then the elements in row-major order, big-endian. The reader checks every part and that the data
 * is exactly as long as the shape says; a malformed file is reported with an {@link IOException} naming the
 * file and the problem.
 *
 * <pre>{@code
 * NDArray images = IdxReader.readImages(dir.resolve("train-images-idx3-ubyte.gz"));  // F32 [60000, 28, 28] in [0, 1]
 * NDArray labels = IdxReader.readLabels(dir.resolve("train-labels-idx1-ubyte.gz"));  // I64 [60000]
 * NDArray raw = IdxReader.read(path);   // integer types as I32, float as F32, double as F64
 * }</pre>
 */
public final class IdxReader {
    /** The most dims a file may declare; real files have 1 to 4. */
    public static final int MAX_DIMS = 8;
    private static final int CHUNK_ELEMENTS = 1 << 16;
    private static final int INITIAL_ELEMENTS = 1 << 20;

    private IdxReader() {
    }

    /** The raw values of an IDX file: every integer type as I32 (exactly), FLOAT as F32, DOUBLE as F64. */
    public static NDArray read(Path path) throws IOException {
        return readTyped(path).values();
    }

    /** As {@link #read(Path)}, from a stream ({@code name} is used in error messages); the stream is not closed. */
    public static NDArray read(InputStream in, String name) throws IOException {
        return readTyped(in, name).values();
    }

    /**
     * Images stored as unsigned bytes (MNIST's {@code idx3-ubyte}), as F32 divided by 255, so in {@code [0, 1]}
     * (what torchvision's {@code ToTensor} gives).
     *
     * @throws IOException when the file is malformed or its type is not UBYTE
     */
    public static NDArray readImages(Path path) throws IOException {
        Content c = readTyped(path);
        if (c.type() != IdxType.UBYTE) {
            throw new IOException("IdxReader.readImages: " + path + " holds " + c.type()
                    + " values, expected UBYTE pixels (use read() for the raw values)");
        }
        return c.values().to(DType.F32).div(255.0);
    }

    /**
     * Class labels (MNIST's {@code idx1-ubyte}): a 1-D file of an integer type, as I64, the dtype
     * {@code crossEntropy} takes for class indices.
     *
     * @throws IOException when the file is malformed, not of an integer type, or not 1-D
     */
    public static NDArray readLabels(Path path) throws IOException {
        Content c = readTyped(path);
        if (!c.type().isIntegral() || c.values().rank() != 1) {
            throw new IOException("IdxReader.readLabels: " + path + " holds " + c.type() + " values of shape "
                    + c.values().shape() + ", expected a 1-D file of an integer type");
        }
        return c.values().to(DType.I64);
    }

    private record Content(IdxType type, NDArray values) {
    }

    private static Content readTyped(Path path) throws IOException {
        Objects.requireNonNull(path, "IdxReader: path must not be null");
        try (InputStream in = Files.newInputStream(path)) {
            return readTyped(in, path.toString());
        }
    }

    private static Content readTyped(InputStream raw, String name) throws IOException {
        Objects.requireNonNull(raw, "IdxReader: stream must not be null");
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        InputStream in = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        String what = gzip ? name + " (gzip; sizes are of the decompressed data)" : name;

        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new IOException("IdxReader: " + what + ": truncated header: expected a 4-byte magic number but the"
                    + " file has only " + magic.length + " bytes");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IOException("IdxReader: " + what + ": bad magic number " + hex(magic) + ": its first two bytes"
                    + " must be 00 00 (is this an IDX file?)");
        }
        IdxType type = IdxType.ofCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IOException("IdxReader: " + what + ": unknown type code 0x" + String.format("%02x", magic[2])
                    + " in magic number " + hex(magic) + " (expected 0x08 ubyte, 0x09 sbyte, 0x0b short, 0x0c int,"
                    + " 0x0d float or 0x0e double)");
        }
        int ndims = magic[3] & 0xFF;
        if (ndims < 1 || ndims > MAX_DIMS) {
            throw new IOException("IdxReader: " + what + ": the magic number " + hex(magic) + " declares " + ndims
                    + " dims, expected 1 to " + MAX_DIMS);
        }
        int headerBytes = 4 + 4 * ndims;
        byte[] dimBytes = in.readNBytes(4 * ndims);
        if (dimBytes.length < 4 * ndims) {
            throw new IOException("IdxReader: " + what + ": truncated header: expected " + headerBytes + " header"
                    + " bytes for " + ndims + " dims but the file has only " + (4 + dimBytes.length) + " bytes");
        }
        ByteBuffer dimBuffer = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        int[] dims = new int[ndims];
        long numel = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = dimBuffer.getInt();
            if (dims[d] < 0) {
                throw new IOException("IdxReader: " + what + ": dim " + d + " has negative size " + dims[d]
                        + " (sizes are read as signed big-endian int32 and must be >= 0)");
            }
            numel *= dims[d];
            if (numel > Shape.MAX_NUMEL) {
                throw new IOException("IdxReader: " + what + ": shape " + Arrays.toString(dims) + " has more than "
                        + Shape.MAX_NUMEL + " elements, the most a tensor can hold");
            }
        }
        long expected = headerBytes + numel * type.byteSize();
        String layout = "a " + headerBytes + "-byte header and " + numel * type.byteSize() + " data bytes for shape "
                + Arrays.toString(dims) + " of " + type;
        Object values = readValues(in, type, (int) numel, got -> new IOException("IdxReader: " + what
                + ": truncated data: expected " + expected + " bytes (" + layout + ") but the file has only "
                + (headerBytes + got) + " bytes"));
        long trailing = in.transferTo(OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new IOException("IdxReader: " + what + ": " + trailing + " trailing bytes: expected " + expected
                    + " bytes (" + layout + ") but the file has " + (expected + trailing) + " bytes");
        }
        return new Content(type, NDArray.on().of(values, type.dtype(), dims));
    }

    private interface Truncated {
        IOException after(long dataBytesRead);
    }

    /**
     * Reads {@code numel} elements in chunks, growing the result as data arrives, so a header that claims more
     * data than the file holds fails with an error instead of first allocating for the claimed size.
     */
    private static Object readValues(InputStream in, IdxType type, int numel, Truncated truncated)
            throws IOException {
        int size = type.byteSize();
        byte[] chunk = new byte[Math.min(numel, CHUNK_ELEMENTS) * size];
        Object out = allocate(type, Math.min(numel, INITIAL_ELEMENTS));
        int done = 0;
        while (done < numel) {
            int k = Math.min(CHUNK_ELEMENTS, numel - done);
            int got = in.readNBytes(chunk, 0, k * size);
            if (got < k * size) {
                throw truncated.after((long) done * size + got);
            }
            int capacity = java.lang.reflect.Array.getLength(out);
            if (done + k > capacity) {
                out = grow(out, (int) Math.min(numel, Math.max(done + k, 2L * capacity)));
            }
            decode(chunk, type, out, done, k);
            done += k;
        }
        return out;
    }

    private static Object allocate(IdxType type, int n) {
        return switch (type.dtype()) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            default -> new int[n];
        };
    }

    private static Object grow(Object array, int n) {
        return switch (array) {
            case float[] f -> Arrays.copyOf(f, n);
            case double[] d -> Arrays.copyOf(d, n);
            case int[] i -> Arrays.copyOf(i, n);
            default -> throw new AssertionError(array.getClass());
        };
    }

    private static void decode(byte[] bytes, IdxType type, Object out, int at, int k) {
        switch (type) {
            case UBYTE -> {
                int[] o = (int[]) out;
                for (int i = 0; i < k; i++) {
                    o[at + i] = bytes[i] & 0xFF;
                }
            }
            case SBYTE -> {
                int[] o = (int[]) out;
                for (int i = 0; i < k; i++) {
                    o[at + i] = bytes[i];
                }
            }
            case SHORT -> {
                int[] o = (int[]) out;
                for (int i = 0; i < k; i++) {
                    o[at + i] = (short) ((bytes[2 * i] << 8) | (bytes[2 * i + 1] & 0xFF));
                }
            }
            case INT -> wrap(bytes, k * 4).asIntBuffer().get((int[]) out, at, k);
            case FLOAT -> wrap(bytes, k * 4).asFloatBuffer().get((float[]) out, at, k);
            case DOUBLE -> wrap(bytes, k * 8).asDoubleBuffer().get((double[]) out, at, k);
        }
    }

    private static ByteBuffer wrap(byte[] bytes, int length) {
        return ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.BIG_ENDIAN);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            s.append(s.isEmpty() ? "" : " ").append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
