package org.jgrad.nn.io;

import static org.jgrad.nn.io.SafetensorsBytes.entry;
import static org.jgrad.nn.io.SafetensorsBytes.file;
import static org.jgrad.nn.io.SafetensorsBytes.le;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files built by hand from the format description read correctly, and written files follow it. */
class SafetensorsFormatTest {

    @Test
    void readsAHandBuiltFloat32File() throws Exception {
        // {1.0f, -2.0f}: IEEE-754 0x3F800000 and 0xC0000000, little-endian
        byte[] bytes = file("{" + entry("x", "F32", "[2]", 0, 8) + "}",
                new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0});
        SafetensorsFile f = Safetensors.read(bytes);
        NDArray x = f.tensors().get("x");
        assertEquals(DType.F32, x.dtype());
        assertEquals(Shape.of(2), x.shape());
        assertArrayEquals(new float[] {1.0f, -2.0f}, (float[]) x.toArray());
        assertEquals(Map.of(), f.metadata());
    }

    @Test
    void readsEveryDtypeFromAnUnpaddedHeaderListedOutOfOffsetOrder() throws Exception {
        String header = "{" + entry("mask", "BOOL", "[3]", 32, 35) + ","
                + "\"__metadata__\":{\"epoch\":\"3\",\"note\":\"caf\\u00e9\"},"
                + entry("half", "F64", "[]", 0, 8) + ","
                + entry("big", "I64", "[2]", 8, 24) + ","
                + entry("idx", "I32", "[1,2]", 24, 32) + ","
                + entry("none", "F32", "[0,2]", 35, 35) + "}";
        byte[] data = {
            0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F,                     // 0.5 (0x3FE0000000000000)
            -1, -1, -1, -1, -1, -1, -1, -1,                           // -1
            1, 0, 0, 0, 0, 0, 0x20, 0,                                // 2^53 + 1, not representable as a double
            7, 0, 0, 0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, // 7, -2
            1, 0, 1                                                   // true, false, true
        };
        SafetensorsFile f = Safetensors.read(file(header, data));

        assertEquals(List.of("mask", "half", "big", "idx", "none"), new ArrayList<>(f.tensors().keySet()),
                "tensors come back in header order");
        assertEquals(Map.of("epoch", "3", "note", "café"), f.metadata());
        NDArray half = f.tensors().get("half");
        assertEquals(Shape.scalar(), half.shape());
        assertArrayEquals(new double[] {0.5}, (double[]) half.toArray());
        assertArrayEquals(new long[] {-1, (1L << 53) + 1}, (long[]) f.tensors().get("big").toArray());
        NDArray idx = f.tensors().get("idx");
        assertEquals(Shape.of(1, 2), idx.shape());
        assertArrayEquals(new int[] {7, -2}, (int[]) idx.toArray());
        assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) f.tensors().get("mask").toArray());
        NDArray none = f.tensors().get("none");
        assertEquals(Shape.of(0, 2), none.shape());
        assertEquals(DType.F32, none.dtype());
    }

    @Test
    void writesTheExactBytesTheFormatDescribes() {
        byte[] written = Safetensors.toBytes(new SafetensorsFile(Map.of("a", NDArray.of(new float[] {1.0f}))));
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(le(padded.length()));
        expected.writeBytes(padded.getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F});
        assertArrayEquals(expected.toByteArray(), written);
    }

    @Test
    void anEmptyFileIsAnEmptyObjectPaddedToEightBytes() throws Exception {
        byte[] written = Safetensors.toBytes(new SafetensorsFile(Map.of()));
        assertArrayEquals(new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '}, written);
        assertEquals(0, Safetensors.read(written).tensors().size());
    }

    @Test
    void writtenFilesFollowTheFormat() throws Exception {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("mask", NDArray.of(new boolean[] {true, false, true}));
        tensors.put("w", NDArray.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        tensors.put("steps", NDArray.of(new long[] {5, -6}));
        tensors.put("ids", NDArray.of(new int[] {9}));
        tensors.put("lr", NDArray.scalar(0.25, DType.F64));
        tensors.put("nothing", NDArray.zeros(DType.F32, 0));
        byte[] bytes = Safetensors.toBytes(new SafetensorsFile(tensors, Map.of("k", "v")));

        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        assertEquals(0, n % 8, "header length " + n + " is padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        String trimmed = header.stripTrailing();
        assertTrue(trimmed.endsWith("}") && header.substring(trimmed.length()).chars().allMatch(c -> c == ' '),
                "only spaces pad the header: '" + header + "'");
        JsonObject json = JsonParser.parseString(trimmed).getAsJsonObject();
        assertEquals("v", json.getAsJsonObject("__metadata__").get("k").getAsString());

        List<String> names = new ArrayList<>(json.keySet());
        names.remove("__metadata__");
        assertEquals(new ArrayList<>(tensors.keySet()), names, "the header lists tensors in map order");

        long dataLength = bytes.length - 8 - n;
        long[][] ranges = new long[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            JsonObject e = json.getAsJsonObject(names.get(i));
            assertEquals(3, e.size(), "exactly dtype, shape, data_offsets: " + e);
            JsonArray off = e.getAsJsonArray("data_offsets");
            ranges[i] = new long[] {off.get(0).getAsLong(), off.get(1).getAsLong()};
            NDArray t = tensors.get(names.get(i));
            int size = t.dtype().byteSize();
            assertEquals((long) t.numel() * size, ranges[i][1] - ranges[i][0], names.get(i));
            assertEquals(0, (8 + n + ranges[i][0]) % size, names.get(i) + " starts aligned to its element size");
            int[] shape = new int[e.getAsJsonArray("shape").size()];
            Arrays.setAll(shape, d -> e.getAsJsonArray("shape").get(d).getAsInt());
            assertArrayEquals(t.shape().toArray(), shape);
        }
        Arrays.sort(ranges, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long covered = 0;
        for (long[] r : ranges) {
            assertEquals(covered, r[0], "contiguous");
            covered = r[1];
        }
        assertEquals(dataLength, covered, "the last tensor ends at the end of the file");

        assertEquals("F32", json.getAsJsonObject("w").get("dtype").getAsString());
        long wBegin = json.getAsJsonObject("w").getAsJsonArray("data_offsets").get(0).getAsLong();
        ByteBuffer w = ByteBuffer.wrap(bytes, (int) (8 + n + wBegin), 24).order(ByteOrder.LITTLE_ENDIAN);
        for (float expected : new float[] {1, 2, 3, 4, 5, 6}) {
            assertEquals(expected, w.getFloat(), "row-major F32 data");
        }
        long maskBegin = json.getAsJsonObject("mask").getAsJsonArray("data_offsets").get(0).getAsLong();
        assertArrayEquals(new byte[] {1, 0, 1}, Arrays.copyOfRange(bytes, (int) (8 + n + maskBegin),
                (int) (8 + n + maskBegin + 3)), "BOOL is one byte, 0 or 1");
        assertEquals("BOOL", json.getAsJsonObject("mask").get("dtype").getAsString());
        assertEquals("I64", json.getAsJsonObject("steps").get("dtype").getAsString());
        assertEquals("I32", json.getAsJsonObject("ids").get("dtype").getAsString());
        assertEquals("F64", json.getAsJsonObject("lr").get("dtype").getAsString());
        assertEquals(0, json.getAsJsonObject("lr").getAsJsonArray("shape").size(), "a 0-d tensor has shape []");
    }

    @Test
    void nonContiguousViewsAreWrittenRowMajor() throws Exception {
        NDArray t = NDArray.of(new int[][] {{1, 2, 3}, {4, 5, 6}}).transpose(0, 1); // [[1,4],[2,5],[3,6]]
        SafetensorsFile back = Safetensors.read(Safetensors.toBytes(new SafetensorsFile(Map.of("t", t))));
        assertEquals(Shape.of(3, 2), back.tensors().get("t").shape());
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, (int[]) back.tensors().get("t").toArray());
    }

    @Test
    void pathStreamAndBytesGiveTheSameFile(@TempDir Path dir) throws Exception {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("b", NDArray.of(new double[] {1.5, -2.5}));
        tensors.put("a", NDArray.of(new boolean[] {false}));
        Map<String, String> meta = Map.of("quote\"and\\slash", "line\nbreak \u2028 \uD83D\uDE00");
        Path path = dir.resolve("t.safetensors");
        Safetensors.write(path, tensors, meta);
        byte[] bytes = Files.readAllBytes(path);
        assertArrayEquals(Safetensors.toBytes(new SafetensorsFile(tensors, meta)), bytes);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Safetensors.write(streamed, new SafetensorsFile(tensors, meta));
        assertArrayEquals(bytes, streamed.toByteArray());

        for (SafetensorsFile f : List.of(Safetensors.read(path), Safetensors.read(new ByteArrayInputStream(bytes)),
                Safetensors.read(bytes))) {
            assertEquals(List.of("b", "a"), new ArrayList<>(f.tensors().keySet()));
            assertEquals(meta, f.metadata());
            assertArrayEquals(new double[] {1.5, -2.5}, (double[]) f.tensors().get("b").toArray());
            assertArrayEquals(new boolean[] {false}, (boolean[]) f.tensors().get("a").toArray());
        }
    }

    @Test
    void largeTensorsCrossReadAndWriteChunkBoundaries(@TempDir Path dir) throws Exception {
        // more than one 1 MiB chunk, and not a whole number of chunks, for 8- and 1-byte dtypes
        int n = SafetensorsReader.CHUNK_BYTES / 8 * 2 + 3;
        long[] longs = new long[n];
        boolean[] bools = new boolean[SafetensorsReader.CHUNK_BYTES + 5];
        for (int i = 0; i < n; i++) {
            longs[i] = i * 0x9E3779B97F4A7C15L;
        }
        for (int i = 0; i < bools.length; i++) {
            bools[i] = Long.bitCount(i * 0x9E3779B97F4A7C15L) % 2 == 0;
        }
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        tensors.put("l", NDArray.of(longs));
        tensors.put("b", NDArray.of(bools));
        Path path = dir.resolve("big.safetensors");
        Safetensors.write(path, tensors, Map.of());
        SafetensorsFile back = Safetensors.read(path);
        assertArrayEquals(longs, (long[]) back.tensors().get("l").toArray());
        assertArrayEquals(bools, (boolean[]) back.tensors().get("b").toArray());
    }

    @Test
    void aTensorCannotTakeTheMetadataKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SafetensorsFile(Map.of("__metadata__", NDArray.zeros(DType.F32, 1))));
        assertTrue(e.getMessage().contains("'__metadata__'"), e.getMessage());
    }

    @Test
    void namesThatAreNotUnicodeAreRefusedBeforeWriting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.toBytes(new SafetensorsFile(Map.of("bad\uD800", NDArray.zeros(DType.F32, 1)))));
        assertTrue(e.getMessage().contains("unpaired UTF-16 surrogate"), e.getMessage());
    }
}
