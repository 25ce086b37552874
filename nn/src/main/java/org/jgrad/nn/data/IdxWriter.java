package org.jgrad.nn.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.nn.io.AtomicFiles;

/**
 * Writes arrays as IDX files (the MNIST format read by {@link IdxReader}), raw or gzip-compressed. The file
 * is written atomically: to a temporary file in the same directory, then renamed over {@code path}, so a
 * reader never sees half a file and a failed write leaves any old file as it was.
 *
 * <pre>{@code
 * IdxWriter.writeGzip(dir.resolve("labels-idx1-ubyte.gz"), labels, IdxType.UBYTE);
 * IdxWriter.write(dir.resolve("features.idx"), features, IdxType.FLOAT);
 * }</pre>
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * Writes {@code array} as an uncompressed IDX file of element type {@code type}.
     *
     * @throws IllegalArgumentException when the array is 0-d or has more than {@link IdxReader#MAX_DIMS}
     *                                  dims, or a value does not fit {@code type} (see {@link #writeGzip})
     */
    public static void write(Path path, NDArray array, IdxType type) throws IOException {
        write(path, array, type, false);
    }

    /**
     * Writes {@code array} as a gzip-compressed IDX file of element type {@code type}. Integer types need an
     * integer (or BOOL) array whose values all fit the type, e.g. {@code [0, 255]} for UBYTE; FLOAT and
     * DOUBLE take any array, converted (F64 values are rounded to float32 for FLOAT).
     *
     * @throws IllegalArgumentException when the array cannot be stored as {@code type}; nothing is written then
     */
    public static void writeGzip(Path path, NDArray array, IdxType type) throws IOException {
        write(path, array, type, true);
    }

    private static void write(Path path, NDArray array, IdxType type, boolean gzip) throws IOException {
        Objects.requireNonNull(path, "IdxWriter: path must not be null");
        Objects.requireNonNull(array, "IdxWriter: array must not be null");
        Objects.requireNonNull(type, "IdxWriter: type must not be null");
        if (array.rank() < 1 || array.rank() > IdxReader.MAX_DIMS) {
            throw new IllegalArgumentException("IdxWriter: cannot write an array of shape " + array.shape()
                    + ": IDX files hold 1 to " + IdxReader.MAX_DIMS + " dims");
        }
        Object values = values(array, type);
        AtomicFiles.write(path, out -> {
            if (gzip) {
                GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
                writeTo(gz, array, type, values);
                // finish, not close: the caller still has to force the file to disk.
                gz.finish();
            } else {
                writeTo(out, array, type, values);
            }
        });
    }

    /** The values to write, checked against the type's range before any file is touched. */
    private static Object values(NDArray array, IdxType type) {
        return switch (type) {
            case FLOAT -> array.toFloatArray();
            case DOUBLE -> array.toDoubleArray();
            default -> {
                if (array.dtype().isFloating()) {
                    throw new IllegalArgumentException("IdxWriter: cannot write a " + array.dtype() + " array as "
                            + type + "; convert it to an integer dtype first (e.g. array.to(DType.I32))");
                }
                long[] v = array.dtype() == DType.BOOL ? array.to(DType.I32).toLongArray() : array.toLongArray();
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < type.min() || v[i] > type.max()) {
                        throw new IllegalArgumentException("IdxWriter: value " + v[i] + " at flat index " + i
                                + " does not fit " + type + " (range [" + (long) type.min() + ", "
                                + (long) type.max() + "])");
                    }
                }
                yield v;
            }
        };
    }

    private static void writeTo(OutputStream sink, NDArray array, IdxType type, Object values) throws IOException {
        // Buffered here too: a gzip stream below would otherwise deflate one element at a time.
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
        out.writeByte(0);
        out.writeByte(0);
        out.writeByte(type.code());
        out.writeByte(array.rank());
        for (int d = 0; d < array.rank(); d++) {
            out.writeInt(array.size(d));
        }
        switch (values) {
            case float[] f -> {
                for (float x : f) {
                    out.writeFloat(x);
                }
            }
            case double[] f -> {
                for (double x : f) {
                    out.writeDouble(x);
                }
            }
            case long[] v -> {
                for (long x : v) {
                    switch (type.byteSize()) {
                        case 1 -> out.writeByte((int) x);
                        case 2 -> out.writeShort((int) x);
                        default -> out.writeInt((int) x);
                    }
                }
            }
            default -> throw new AssertionError(values.getClass());
        }
        out.flush();
    }
}
