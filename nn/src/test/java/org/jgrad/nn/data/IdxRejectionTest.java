package org.jgrad.nn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every malformed file is refused with a message that names the problem, raw and gzip alike. */
class IdxRejectionTest {
    @TempDir
    Path dir;

    /** A file made of the magic bytes {@code 00 00 type ndims}, the given int32 dims, then {@code data}. */
    static byte[] file(int type, int ndims, int[] dims, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) ndims);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** The reader's message for {@code bytes}, written raw or gzipped to a file. */
    String rejection(byte[] bytes, boolean gzip) throws IOException {
        Path path = dir.resolve("bad-" + gzip + ".idx");
        Files.write(path, gzip ? gzip(bytes) : bytes);
        return assertThrows(IOException.class, () -> IdxReader.read(path)).getMessage();
    }

    static void assertNames(String expected, String message) {
        assertTrue(message.contains(expected), "expected the message to contain '" + expected + "' but was: " + message);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badMagic(boolean gzip) throws IOException {
        byte[] bytes = file(0x08, 1, new int[] {1}, 1);
        bytes[1] = 0x03;
        assertNames("bad magic number 00 03 08 01: its first two bytes must be 00 00", rejection(bytes, gzip));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void unknownType(boolean gzip) throws IOException {
        assertNames("unknown type code 0x0a", rejection(file(0x0A, 1, new int[] {1}, 1), gzip));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badDimCount(boolean gzip) throws IOException {
        assertNames("declares 0 dims, expected 1 to 8", rejection(file(0x08, 0, new int[] {}, 0), gzip));
        assertNames("declares 9 dims, expected 1 to 8", rejection(file(0x08, 9, new int[9], 0), gzip));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedData(boolean gzip) throws IOException {
        // [2, 3] shorts need 12 data bytes after a 12-byte header; give 11.
        String m = rejection(file(0x0B, 2, new int[] {2, 3}, 11), gzip);
        assertNames("truncated data: expected 24 bytes", m);
        assertNames("but the file has only 23 bytes", m);
        assertNames("shape [2, 3] of SHORT", m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void trailingBytes(boolean gzip) throws IOException {
        String m = rejection(file(0x0D, 1, new int[] {2}, 8 + 3), gzip);
        assertNames("3 trailing bytes: expected 16 bytes", m);
        assertNames("but the file has 19 bytes", m);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedHeader(boolean gzip) throws IOException {
        byte[] twoDimsOneGiven = file(0x08, 2, new int[] {5}, 0);
        assertNames("truncated header: expected 12 header bytes for 2 dims but the file has only 8 bytes",
                rejection(twoDimsOneGiven, gzip));
        assertNames("truncated header: expected a 4-byte magic number but the file has only 3 bytes",
                rejection(new byte[] {0, 0, 8}, gzip));
        assertNames("the file has only 0 bytes", rejection(new byte[0], gzip));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void negativeDim(boolean gzip) throws IOException {
        assertNames("dim 1 has negative size -4", rejection(file(0x08, 2, new int[] {2, -4}, 0), gzip));
    }

    @Test
    void tooManyElements() throws IOException {
        assertNames("has more than", rejection(file(0x08, 3, new int[] {65536, 65536, 2}, 0), false));
    }

    @Test
    void hugeClaimedSizeFailsAsTruncatedWithoutAllocatingIt() throws IOException {
        // 2e9 doubles would be 16 GB; the reader must notice the missing data before allocating for it.
        String m = rejection(file(0x0E, 2, new int[] {1000, 2_000_000}, 16), true);
        assertNames("truncated data: expected 16000000012 bytes", m);
        assertNames("but the file has only 28 bytes", m);
    }

    @Test
    void streamsAreReadToo() throws IOException {
        byte[] bytes = file(0x0C, 1, new int[] {2}, 8);
        ByteBuffer.wrap(bytes, 8, 8).putInt(-7).putInt(123456789);
        int[] v = (int[]) IdxReader.read(new ByteArrayInputStream(gzip(bytes)), "mem").toArray();
        assertEquals(-7, v[0]);
        assertEquals(123456789, v[1]);
        var e = assertThrows(IOException.class, () -> IdxReader.read(new ByteArrayInputStream(new byte[2]), "mem"));
        assertNames("IdxReader: mem: truncated header", e.getMessage());
    }
}
