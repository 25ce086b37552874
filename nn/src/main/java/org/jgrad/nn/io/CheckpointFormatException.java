package org.jgrad.nn.io;

import java.io.IOException;

/**
 * A safetensors file or checkpoint that breaks the format: the message names the file, the tensor or
 * metadata key, and what is wrong with it.
 *
 * <pre>{@code
 * try {
 *     Safetensors.read(path);
 * } catch (CheckpointFormatException e) {
 *     // e.g. "model.safetensors: tensor 'fc.weight': data_offsets [16, 40] give 24 bytes but F32 [2, 4] needs 32"
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private static final int MAX_QUOTED = 120;

    private final String source;

    /** A problem found in {@code source} (a file path, or a short description of an in-memory source). */
    public CheckpointFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** As {@link #CheckpointFormatException(String, String)}, keeping the lower-level cause. */
    public CheckpointFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /**
     * A name from a file as messages show it: in single quotes, control characters escaped, and cut
     * short when long, since a hostile header may hold names of any length or content.
     */
    static String quote(String name) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(name.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < name.length()) {
            out.append("...' (").append(name.length()).append(" characters)");
        } else {
            out.append('\'');
        }
        return out.toString();
    }

    /** The file path or in-memory source the problem was found in. */
    public String source() {
        return source;
    }
}
