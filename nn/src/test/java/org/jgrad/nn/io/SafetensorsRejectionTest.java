package org.jgrad.nn.io;

import static org.jgrad.nn.io.SafetensorsBytes.entry;
import static org.jgrad.nn.io.SafetensorsBytes.f32;
import static org.jgrad.nn.io.SafetensorsBytes.file;
import static org.jgrad.nn.io.SafetensorsBytes.withLength;
import static org.jgrad.nn.io.SafetensorsBytes.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can break the format is refused with a message that says where and how. */
class SafetensorsRejectionTest {

    private static String rejected(byte[] bytes, String... expectedParts) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(bytes));
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e.getMessage();
    }

    private static byte[] validFile() {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("w", NDArray.of(new float[][] {{1, 2}, {3, 4}}));
        t.put("m", NDArray.of(new boolean[] {true, false}));
        t.put("s", NDArray.scalar(7, DType.I64));
        return Safetensors.toBytes(new SafetensorsFile(t, Map.of("epoch", "1")));
    }

    @Test
    void everyTruncationOfAValidFileIsRefused() throws Exception {
        byte[] whole = validFile();
        Safetensors.read(whole); // the whole file is fine
        for (int length = 0; length < whole.length; length++) {
            byte[] prefix = Arrays.copyOf(whole, length);
            try {
                Safetensors.read(prefix);
                fail("a file cut to " + length + " of " + whole.length + " bytes was accepted");
            } catch (CheckpointFormatException expected) {
                assertTrue(expected.getMessage().startsWith("safetensors bytes: "), expected.getMessage());
            }
        }
    }

    @Test
    void tooShortForTheLengthField() {
        rejected(new byte[5], "has 5 bytes, too few for the 8-byte header length");
    }

    @Test
    void headerLengthPastTheEndOfTheFile() {
        rejected(withLength(100, "{}".getBytes(StandardCharsets.US_ASCII)),
                "header length 100 runs past the end of the file, which has 10 bytes");
    }

    @Test
    void headerLengthAboveTheLimit() {
        rejected(withLength(100_000_001L, new byte[16]), "header length 100000001 is above the 100000000-byte limit");
        rejected(withLength(Long.MIN_VALUE, new byte[16]), "header length 9223372036854775808 is above");
        rejected(withLength(-1L, new byte[16]), "header length 18446744073709551615 is above");
    }

    @Test
    void headerThatIsNotJson() {
        String m = rejected(file("not json"), "the header is not valid JSON: malformed JSON at line 1 column 1");
        assertTrue(!m.contains("LENIENT") && !m.contains("See "), m);
        rejected(file("{\"a\":{\"dtype\":\"F32\""), "the header is not valid JSON");
        rejected(file("{'a':1}"), "the header is not valid JSON"); // single quotes are lenient-only
        rejected(file("{\"__metadata__\":{\"a\":\"b\",}}"), "the header is not valid JSON"); // trailing comma
    }

    @Test
    void headerThatIsNotUtf8() {
        byte[] bytes = file("{\"__metadata__\":{\"a\":\"xx\"}}");
        bytes[bytes.length - 4] = (byte) 0xFF;
        rejected(bytes, "the header is not valid UTF-8");
    }

    @Test
    void headerThatIsNotAnObject() {
        rejected(file("[1, 2]"), "the header must be a JSON object, found array");
        rejected(file("\"x\""), "the header must be a JSON object, found string");
    }

    @Test
    void contentAfterTheHeaderObject() {
        rejected(file("{} {}"), "content after its JSON object");
        rejected(file("{}\0\0\0\0\0\0"), "content after its JSON object"); // only spaces may pad
        rejected(file("{} x"), "content after its JSON object");
    }

    @Test
    void spacePaddingAndNullMetadataAreAccepted() throws Exception {
        assertEquals(0, Safetensors.read(file("{}      ")).tensors().size());
        assertEquals(Map.of(), Safetensors.read(file("{\"__metadata__\":null}")).metadata());
    }

    @Test
    void duplicateKeys() {
        String a = entry("a", "F32", "[1]", 0, 4);
        rejected(file("{" + a + "," + a + "}", zeros(4)), "key 'a' appears twice in the header");
        rejected(file("{\"__metadata__\":{},\"__metadata__\":{}}"), "key '__metadata__' appears twice");
        rejected(file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}"), "__metadata__ key 'k' appears twice");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", zeros(4)),
                "tensor 'a': field 'dtype' appears twice");
    }

    @Test
    void malformedTensorEntries() {
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offset\":[0,4]}}", zeros(4)),
                "tensor 'a': unknown field 'data_offset'");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", zeros(4)),
                "tensor 'a': unknown field 'x'");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", zeros(4)),
                "tensor 'a': missing field 'shape'");
        rejected(file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", zeros(4)), "tensor 'a': missing field 'dtype'");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", zeros(4)), "tensor 'a': missing field 'data_offsets'");
        rejected(file("{\"a\":[1]}"), "tensor 'a' must be a JSON object, found array");
        rejected(file("{\"a\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", zeros(4)),
                "tensor 'a' field 'dtype' must be a JSON string, found number");
        rejected(file("{" + entry("a", "F32", "\"2\"", 0, 8) + "}", zeros(8)),
                "tensor 'a' field 'shape' must be a JSON array, found string");
        rejected(file("{" + entry("a", "F32", "[2.0]", 0, 8) + "}", zeros(8)),
                "tensor 'a' field 'shape': element 0 must be a non-negative integer, found 2.0");
        rejected(file("{" + entry("a", "F32", "[[2]]", 0, 8) + "}", zeros(8)),
                "tensor 'a' field 'shape': element 0 must be a non-negative integer, found array");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", zeros(4)),
                "tensor 'a': data_offsets must be [begin, end], got 3 numbers");
        rejected(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}"),
                "tensor 'a' field 'data_offsets': element 1 is 99999999999999999999, too large");
    }

    @Test
    void negativeDimension() {
        rejected(file("{" + entry("a", "F32", "[-1]", 0, 0) + "}"),
                "tensor 'a' field 'shape': element 0 is negative (-1)");
    }

    @Test
    void dimensionTooLargeForJgrad() {
        rejected(file("{" + entry("a", "F32", "[3000000000,0]", 0, 0) + "}"),
                "tensor 'a': shape [3000000000, 0] has size 3000000000 at dim 0, more than a jgrad dimension");
    }

    @Test
    void unknownAndUnsupportedDtypes() {
        rejected(file("{" + entry("a", "FOO", "[1]", 0, 4) + "}", zeros(4)), "tensor 'a': unknown dtype 'FOO'");
        rejected(file("{" + entry("h", "F16", "[2]", 0, 4) + "}", zeros(4)),
                "tensor 'h': dtype F16 is not supported by jgrad", "F32, F64, I32, I64, BOOL");
        rejected(file("{" + entry("u", "U8", "[4]", 0, 4) + "}", zeros(4)), "tensor 'u': dtype U8 is not supported");
    }

    @Test
    void byteLengthThatDisagreesWithShapeAndDtype() {
        rejected(file("{" + entry("layers.0.weight", "F32", "[2,4]", 0, 24) + "}", zeros(24)),
                "tensor 'layers.0.weight': data_offsets [0, 24] give 24 bytes but F32 [2, 4] needs 32");
    }

    @Test
    void shapeWhoseByteCountOverflows() {
        rejected(file("{" + entry("a", "F64", "[2147483647,2147483647,2147483647]", 0, 0) + "}"),
                "tensor 'a': data_offsets [0, 0] give 0 bytes but F64 [2147483647, 2147483647, 2147483647] needs "
                        + "more than 9223372036854775807");
    }

    @Test
    void moreElementsThanAJgradTensorHolds() {
        // A real file this large cannot be built in a unit test; the check runs on the header alone.
        long numel = Shape.MAX_NUMEL + 1;
        HeaderEntry e = new HeaderEntry("huge", DType.BOOL, new int[] {(int) numel}, 0, numel, numel);
        CheckpointFormatException ex = assertThrows(CheckpointFormatException.class,
                () -> HeaderLayout.check(List.of(e), numel, "f"));
        assertTrue(ex.getMessage().contains("tensor 'huge': BOOL [2147483640] has 2147483640 elements, more than the "
                + Shape.MAX_NUMEL), ex.getMessage());
    }

    @Test
    void holeBetweenTensors() {
        rejected(file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", zeros(12)),
                "bytes [4, 8) of the data belong to no tensor: tensor 'a' has data_offsets [0, 4] and the next one, "
                        + "'b', has [8, 12]");
    }

    @Test
    void holeBeforeTheFirstTensor() {
        rejected(file("{" + entry("a", "F32", "[1]", 4, 8) + "}", zeros(8)),
                "bytes [0, 4) of the data belong to no tensor: the first tensor 'a' has data_offsets [4, 8]");
    }

    @Test
    void overlappingTensors() {
        rejected(file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", zeros(12)),
                "tensor 'b' with data_offsets [4, 12] overlaps tensor 'a' with data_offsets [0, 8]");
        rejected(file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 0, 4) + "}", zeros(4)),
                "overlaps");
    }

    @Test
    void offsetsBeyondTheData() {
        rejected(file("{" + entry("a", "F32", "[2]", 0, 8) + "}", zeros(4)),
                "tensor 'a': data_offsets [0, 8] run past the end of the data, which has 4 bytes");
    }

    @Test
    void offsetsThatEndBeforeTheyBegin() {
        rejected(file("{" + entry("a", "F32", "[0]", 8, 4) + "}", zeros(8)),
                "tensor 'a': data_offsets [8, 4] end before they begin");
    }

    @Test
    void trailingBytesAfterTheLastTensor() {
        rejected(file("{" + entry("a", "F32", "[1]", 0, 4) + "}", f32(1), zeros(3)),
                "the tensors cover 4 bytes of data but the file has 7 bytes after the header (3 trailing bytes");
        rejected(file("{}", zeros(1)), "the tensors cover 0 bytes of data but the file has 1 bytes");
    }

    @Test
    void boolBytesOtherThanZeroOrOne() {
        rejected(file("{" + entry("mask", "BOOL", "[3]", 0, 3) + "}", new byte[] {1, 2, 0}),
                "tensor 'mask': element 1 of BOOL [3] is stored as byte 2; BOOL bytes must be 0 or 1");
        rejected(file("{" + entry("mask", "BOOL", "[1]", 0, 1) + "}", new byte[] {(byte) 0xFF}), "stored as byte 255");
    }

    @Test
    void metadataThatIsNotAMapOfStrings() {
        rejected(file("{\"__metadata__\":{\"epoch\":3}}"), "__metadata__ value of 'epoch' must be a string, found number");
        rejected(file("{\"__metadata__\":{\"a\":null}}"), "__metadata__ value of 'a' must be a string, found null");
        rejected(file("{\"__metadata__\":\"x\"}"), "__metadata__ must be a JSON object, found string");
        rejected(file("{\"__metadata__\":{\"a\":{\"b\":\"c\"}}}"), "must be a string, found object");
        rejected(file("{\"__metadata__\":[\"a\"]}"), "__metadata__ must be a JSON object, found array");
    }

    @Test
    void namesInMessagesAreEscapedAndShortened() {
        String jsonName = "x\\n" + "y".repeat(500); // the JSON escape \n: the name holds a line break
        String m = rejected(file("{" + entry(jsonName, "F32", "[1]", 0, 8) + "}", zeros(8)),
                "tensor 'x\\u000ayyy", "...' (502 characters): data_offsets [0, 8] give 8 bytes but F32 [1] needs 4");
        assertTrue(m.length() < 300, m);
    }

    @Test
    void errorsFromAFileNameTheFile(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("broken.safetensors");
        Files.write(path, file("{" + entry("a", "F32", "[2]", 0, 8) + "}", zeros(4)));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Safetensors.read(path));
        assertEquals(path.toString(), e.source());
        assertTrue(e.getMessage().startsWith(path + ": tensor 'a': "), e.getMessage());

        byte[] whole = validFile();
        for (int length : new int[] {0, 7, 8, 20, whole.length - 1}) {
            Files.write(path, Arrays.copyOf(whole, length));
            assertThrows(CheckpointFormatException.class, () -> Safetensors.read(path), "cut to " + length);
        }
    }
}
