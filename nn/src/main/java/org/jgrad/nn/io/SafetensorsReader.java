package org.jgrad.nn.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.core.NDArray;

/**
 * Reads a safetensors file: header length, then the header (validated completely against the real file
 * size before anything else is allocated), then each tensor, decoded chunk by chunk with bulk
 * little-endian buffer views straight into the tensor's Java array.
 */
final class SafetensorsReader {
    /** Decoding granularity: bounds the scratch buffer a file read needs, a multiple of every dtype size. */
    static final int CHUNK_BYTES = 1 << 20;

    private SafetensorsReader() {
    }

    static SafetensorsFile read(ByteSource bytes, String source) throws IOException {
        long size = bytes.size();
        if (size < 8) {
            throw new CheckpointFormatException(source, "the file has " + size
                    + " bytes, too few for the 8-byte header length a safetensors file starts with");
        }
        long headerLength = bytes.read(0, 8).getLong();
        if (Long.compareUnsigned(headerLength, Safetensors.MAX_HEADER_BYTES) > 0) {
            throw new CheckpointFormatException(source, "header length " + Long.toUnsignedString(headerLength)
                    + " is above the " + Safetensors.MAX_HEADER_BYTES + "-byte limit");
        }
        if (headerLength > size - 8) {
            throw new CheckpointFormatException(source, "header length " + headerLength
                    + " runs past the end of the file, which has " + size + " bytes");
        }
        byte[] header = new byte[(int) headerLength];
        bytes.read(8, header.length).get(header);
        HeaderParser.ParsedHeader parsed = HeaderParser.parse(header, source);
        long dataStart = 8 + headerLength;
        HeaderLayout.check(parsed.entries(), size - dataStart, source);
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        for (HeaderEntry e : parsed.entries()) {
            tensors.put(e.name(), decode(bytes, dataStart + e.begin(), e, source));
        }
        return new SafetensorsFile(tensors, parsed.metadata());
    }

    private static NDArray decode(ByteSource bytes, long position, HeaderEntry e, String source) throws IOException {
        int n = (int) e.numel(); // HeaderLayout bounded it by Shape.MAX_NUMEL
        int size = e.dtype().byteSize();
        Object array = switch (e.dtype()) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I32 -> new int[n];
            case I64 -> new long[n];
            case BOOL -> new boolean[n];
        };
        for (int done = 0; done < n; ) {
            int count = Math.min(CHUNK_BYTES / size, n - done);
            ByteBuffer chunk = bytes.read(position + (long) done * size, count * size);
            switch (e.dtype()) {
                case F32 -> chunk.asFloatBuffer().get((float[]) array, done, count);
                case F64 -> chunk.asDoubleBuffer().get((double[]) array, done, count);
                case I32 -> chunk.asIntBuffer().get((int[]) array, done, count);
                case I64 -> chunk.asLongBuffer().get((long[]) array, done, count);
                case BOOL -> decodeBools(chunk, (boolean[]) array, done, count, e, source);
            }
            done += count;
        }
        return NDArray.on().of(array, e.dtype(), e.shape());
    }

    /** Only 0 and 1 are booleans; any other byte means a corrupt file or a mislabelled U8 tensor. */
    private static void decodeBools(ByteBuffer chunk, boolean[] out, int offset, int count, HeaderEntry e,
            String source) throws CheckpointFormatException {
        for (int i = 0; i < count; i++) {
            byte b = chunk.get(i);
            if ((b & ~1) != 0) {
                throw new CheckpointFormatException(source, "tensor " + CheckpointFormatException.quote(e.name()) + ": element " + (offset + i)
                        + " of " + e.describe() + " is stored as byte " + (b & 0xff) + "; BOOL bytes must be 0 or 1");
            }
            out[offset + i] = b == 1;
        }
    }
}
