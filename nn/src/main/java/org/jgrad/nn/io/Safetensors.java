package org.jgrad.nn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.jgrad.core.NDArray;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format: an
 * 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets"}} (plus an optional {@code "__metadata__"} map of strings), then
 * the raw little-endian data. Files written here load with PyTorch's {@code safetensors.torch.load_file},
 * and files PyTorch writes load here when their dtypes are ones jgrad has.
 *
 * <p>Dtypes: F32, F64, I32, I64 and BOOL map to {@link org.jgrad.core.DType}; any other (F16, BF16, U8,
 * ...) is refused with an error naming the tensor and its dtype, never converted silently.
 *
 * <p>Reading is strict and safe on untrusted files: the header length is bounded by
 * {@link #MAX_HEADER_BYTES}; the header must be one JSON object without duplicate keys or unknown fields;
 * every tensor's byte range must match its shape and dtype; the ranges must tile the data section exactly
 * (no hole, no overlap, no trailing bytes); BOOL bytes must be 0 or 1. All of that is checked against
 * the real file size before any tensor is allocated, so a hostile header cannot cause a huge allocation.
 * Every violation is a {@link CheckpointFormatException} naming the file, the tensor and the problem.
 *
 * <p>Writing to a {@link Path} is atomic ({@link AtomicFiles}): the previous file stays intact if anything
 * fails. See {@code SafetensorsWriter} for the layout (header in map order, data by descending element
 * size, header padded with spaces to 8 bytes).
 *
 * <pre>{@code
 * Map<String, NDArray> state = new LinkedHashMap<>();
 * state.put("fc.weight", NDArray.randn(new Generator(0), DType.F32, 4, 3));
 * state.put("fc.bias", NDArray.zeros(DType.F32, 4));
 * Safetensors.write(Path.of("model.safetensors"), state, Map.of("epoch", "3"));
 *
 * SafetensorsFile file = Safetensors.read(Path.of("model.safetensors"));
 * NDArray w = file.tensors().get("fc.weight");   // F32 [4, 3]
 * String epoch = file.metadata().get("epoch");   // "3"
 * }</pre>
 */
public final class Safetensors {
    /** The largest header accepted or written, the reference implementation's limit (100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private Safetensors() {
    }

    /** Reads a file; errors name {@code path}. */
    public static SafetensorsFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return SafetensorsReader.read(ByteSource.of(channel, path.toString()), path.toString());
        }
    }

    /** Reads the complete contents of a file held in memory. */
    public static SafetensorsFile read(byte[] bytes) throws CheckpointFormatException {
        try {
            return SafetensorsReader.read(ByteSource.of(bytes), "safetensors bytes");
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array does not do I/O", e);
        }
    }

    /**
     * Reads a whole stream into memory, then parses it; the stream is left open. The format puts the data
     * length only in the header, so the stream is read to its end to check nothing trails it.
     */
    public static SafetensorsFile read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /** Writes {@code file} to {@code path} atomically, replacing any previous file. */
    public static void write(Path path, SafetensorsFile file) throws IOException {
        SafetensorsWriter.Plan plan = SafetensorsWriter.plan(file);
        AtomicFiles.write(path, out -> SafetensorsWriter.write(plan, out));
    }

    /** Writes the tensors (in map order) and metadata to {@code path} atomically. */
    public static void write(Path path, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        write(path, new SafetensorsFile(tensors, metadata));
    }

    /** Writes {@code file} to a stream, which is left open. */
    public static void write(OutputStream out, SafetensorsFile file) throws IOException {
        SafetensorsWriter.write(SafetensorsWriter.plan(file), out);
    }

    /** The bytes of {@code file} as a safetensors file; it must fit in one Java array. */
    public static byte[] toBytes(SafetensorsFile file) {
        SafetensorsWriter.Plan plan = SafetensorsWriter.plan(file);
        if (plan.totalLength() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Safetensors.toBytes: the file would take " + plan.totalLength()
                    + " bytes, more than a Java array holds; write it to a Path or stream instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) plan.totalLength());
        try {
            SafetensorsWriter.write(plan, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }
}
