package org.jgrad.nn.io;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.core.NDArray;

/**
 * Lays out and writes a safetensors file.
 *
 * <p>Layout: the header lists tensors in the map's order (so reading gives the same order back); their
 * data is laid out by descending element size, keeping map order among equal sizes, and the header is
 * padded with spaces to a multiple of 8 bytes, as the reference writer does. Every tensor's data then
 * starts at a multiple of its element size, so readers that map the file and view it in place (PyTorch's
 * {@code safe_open}) get aligned data.
 */
final class SafetensorsWriter {
    /** A laid-out file: the 8-byte length and padded header, then the tensors in data order. */
    record Plan(byte[] prefix, List<Map.Entry<String, NDArray>> dataOrder, long dataLength) {
        long totalLength() {
            return prefix.length + dataLength;
        }
    }

    private SafetensorsWriter() {
    }

    static Plan plan(SafetensorsFile file) {
        List<Map.Entry<String, NDArray>> dataOrder = new ArrayList<>(file.tensors().entrySet());
        dataOrder.sort(Comparator.comparingInt((Map.Entry<String, NDArray> e) -> -e.getValue().dtype().byteSize()));
        Map<String, long[]> offsets = new HashMap<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> e : dataOrder) {
            long bytes = (long) e.getValue().numel() * e.getValue().dtype().byteSize();
            offsets.put(e.getKey(), new long[] {offset, offset + bytes});
            offset += bytes;
        }
        byte[] header = utf8(headerJson(file, offsets));
        int padded = (header.length + 7) / 8 * 8;
        if (padded > Safetensors.MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("safetensors: the header would take " + padded
                    + " bytes, above the " + Safetensors.MAX_HEADER_BYTES + "-byte limit readers accept ("
                    + file.tensors().size() + " tensors, " + file.metadata().size() + " metadata entries)");
        }
        byte[] prefix = new byte[8 + padded];
        ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).put(header);
        Arrays.fill(prefix, 8 + header.length, prefix.length, (byte) ' ');
        return new Plan(prefix, dataOrder, offset);
    }

    static void write(Plan plan, OutputStream out) throws IOException {
        out.write(plan.prefix());
        ByteBuffer scratch = ByteBuffer.allocate(SafetensorsReader.CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, NDArray> e : plan.dataOrder()) {
            writeData(e.getValue(), scratch, out);
        }
    }

    private static void writeData(NDArray tensor, ByteBuffer scratch, OutputStream out) throws IOException {
        Object array = tensor.toArray(); // row-major whatever the view's strides
        int n = tensor.numel();
        int size = tensor.dtype().byteSize();
        for (int done = 0; done < n; ) {
            int count = Math.min(scratch.capacity() / size, n - done);
            scratch.clear();
            switch (tensor.dtype()) {
                case F32 -> scratch.asFloatBuffer().put((float[]) array, done, count);
                case F64 -> scratch.asDoubleBuffer().put((double[]) array, done, count);
                case I32 -> scratch.asIntBuffer().put((int[]) array, done, count);
                case I64 -> scratch.asLongBuffer().put((long[]) array, done, count);
                case BOOL -> {
                    boolean[] bools = (boolean[]) array;
                    for (int i = 0; i < count; i++) {
                        scratch.put(i, (byte) (bools[done + i] ? 1 : 0));
                    }
                }
            }
            out.write(scratch.array(), 0, count * size);
            done += count;
        }
    }

    private static String headerJson(SafetensorsFile file, Map<String, long[]> offsets) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            if (!file.metadata().isEmpty()) {
                json.name(HeaderParser.METADATA_KEY).beginObject();
                for (Map.Entry<String, String> m : file.metadata().entrySet()) {
                    json.name(m.getKey()).value(m.getValue());
                }
                json.endObject();
            }
            for (Map.Entry<String, NDArray> e : file.tensors().entrySet()) {
                NDArray t = e.getValue();
                long[] range = offsets.get(e.getKey());
                json.name(e.getKey()).beginObject();
                json.name("dtype").value(SafetensorsDtypes.nameOf(t.dtype()));
                json.name("shape").beginArray();
                for (int d : t.shape().toArray()) {
                    json.value(d);
                }
                json.endArray();
                json.name("data_offsets").beginArray().value(range[0]).value(range[1]).endArray();
                json.endObject();
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** Strict UTF-8, so a name with an unpaired surrogate fails here instead of being written as '?'. */
    private static byte[] utf8(String json) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(json));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("safetensors: a tensor name or metadata string is not valid "
                    + "Unicode (it holds an unpaired UTF-16 surrogate) and cannot be written as UTF-8", e);
        }
    }
}
