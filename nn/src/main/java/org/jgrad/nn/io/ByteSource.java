package org.jgrad.nn.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/** Random access to the bytes of a safetensors file, on disk or in memory. */
interface ByteSource {

    /** Total length in bytes. */
    long size() throws IOException;

    /**
     * The {@code length} bytes at {@code position} (which the caller has checked lie inside the source),
     * as a little-endian buffer with exactly that many bytes remaining. The buffer may be reused by the
     * next call.
     */
    ByteBuffer read(long position, int length) throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public ByteBuffer read(long position, int length) {
                return ByteBuffer.wrap(bytes, Math.toIntExact(position), length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
        };
    }

    /** Reads through one scratch buffer, grown to the largest request (the header, or one chunk). */
    static ByteSource of(FileChannel channel, String source) {
        return new ByteSource() {
            private ByteBuffer scratch = ByteBuffer.allocate(0);

            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public ByteBuffer read(long position, int length) throws IOException {
                if (scratch.capacity() < length) {
                    scratch = ByteBuffer.allocate(length);
                }
                scratch.clear().limit(length);
                while (scratch.hasRemaining()) {
                    if (channel.read(scratch, position + scratch.position()) < 0) {
                        throw new EOFException(source + ": the file ended at byte " + (position + scratch.position())
                                + " while reading bytes [" + position + ", " + (position + length)
                                + "); was it changed while being read?");
                    }
                }
                return scratch.flip().order(ByteOrder.LITTLE_ENDIAN);
            }
        };
    }
}
