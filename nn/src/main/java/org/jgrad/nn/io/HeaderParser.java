package org.jgrad.nn.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.core.DType;

/**
 * Parses the JSON header of a safetensors file, strictly: the header must be one UTF-8 JSON object (then
 * only whitespace, the writer's padding); every key is a tensor name or {@code __metadata__}; no key
 * appears twice (Gson's tree parser would silently keep the last one, so this walks a
 * {@link JsonReader}); each tensor has exactly {@code dtype}, {@code shape} and {@code data_offsets}
 * (the reference reader ignores unknown fields, this one rejects them, so a typo such as
 * {@code data_offset} is not mistaken for a tensor); sizes and offsets are non-negative integer literals;
 * metadata is an object of strings, or {@code null} for none (as the reference accepts).
 *
 * <p>The walk never recurses into values it does not expect, so a hostile, deeply nested header is
 * rejected at its first unexpected token.
 */
final class HeaderParser {
    static final String METADATA_KEY = "__metadata__";

    record ParsedHeader(List<HeaderEntry> entries, Map<String, String> metadata) {
    }

    private final String source;

    private HeaderParser(String source) {
        this.source = source;
    }

    /** The tensors in header order and the metadata (empty when absent). */
    static ParsedHeader parse(byte[] header, String source) throws CheckpointFormatException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(header))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(source, "the header is not valid UTF-8", e);
        }
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            return new HeaderParser(source).document(reader);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports malformed JSON (including a header cut short) this way
            throw new CheckpointFormatException(source, "the header is not valid JSON: " + gsonProblem(e), e);
        }
    }

    /** Gson's message without its advice to parse leniently, which would be wrong here. */
    static String gsonProblem(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        if (see >= 0) {
            m = m.substring(0, see);
        }
        return m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }

    private ParsedHeader document(JsonReader reader) throws IOException {
        expect(reader, JsonToken.BEGIN_OBJECT, "the header");
        reader.beginObject();
        List<HeaderEntry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        Set<String> seen = new HashSet<>();
        while (reader.hasNext()) {
            String key = reader.nextName();
            if (!seen.add(key)) {
                throw error("key " + CheckpointFormatException.quote(key) + " appears twice in the header");
            }
            if (key.equals(METADATA_KEY)) {
                metadata = metadata(reader);
            } else {
                entries.add(tensor(reader, key));
            }
        }
        reader.endObject();
        boolean ends;
        try {
            ends = reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            ends = false; // strict Gson refuses a second top-level value, or NUL padding
        }
        if (!ends) {
            throw error("the header has content after its JSON object (only space padding may follow)");
        }
        return new ParsedHeader(entries, metadata);
    }

    private Map<String, String> metadata(JsonReader reader) throws IOException {
        if (reader.peek() == JsonToken.NULL) {
            reader.nextNull(); // the reference reads null as "no metadata"
            return Map.of();
        }
        expect(reader, JsonToken.BEGIN_OBJECT, METADATA_KEY);
        reader.beginObject();
        Map<String, String> metadata = new LinkedHashMap<>();
        while (reader.hasNext()) {
            String key = reader.nextName();
            if (metadata.containsKey(key)) {
                throw error(METADATA_KEY + " key " + CheckpointFormatException.quote(key) + " appears twice");
            }
            JsonToken token = reader.peek();
            if (token != JsonToken.STRING) {
                throw error(METADATA_KEY + " value of " + CheckpointFormatException.quote(key) + " must be a string, found " + describe(token));
            }
            metadata.put(key, reader.nextString());
        }
        reader.endObject();
        return metadata;
    }

    private HeaderEntry tensor(JsonReader reader, String name) throws IOException {
        String what = "tensor " + CheckpointFormatException.quote(name);
        expect(reader, JsonToken.BEGIN_OBJECT, what);
        reader.beginObject();
        String dtypeName = null;
        long[] shape = null;
        long[] offsets = null;
        while (reader.hasNext()) {
            String field = reader.nextName();
            switch (field) {
                case "dtype" -> {
                    requireFirst(dtypeName == null, what, field);
                    expect(reader, JsonToken.STRING, what + " field 'dtype'");
                    dtypeName = reader.nextString();
                }
                case "shape" -> {
                    requireFirst(shape == null, what, field);
                    shape = naturals(reader, what + " field 'shape'");
                }
                case "data_offsets" -> {
                    requireFirst(offsets == null, what, field);
                    offsets = naturals(reader, what + " field 'data_offsets'");
                }
                default -> throw error(what + ": unknown field " + CheckpointFormatException.quote(field)
                        + " (a tensor entry has exactly dtype, shape and data_offsets)");
            }
        }
        reader.endObject();
        if (dtypeName == null || shape == null || offsets == null) {
            String missing = dtypeName == null ? "dtype" : shape == null ? "shape" : "data_offsets";
            throw error(what + ": missing field '" + missing + "'");
        }
        if (offsets.length != 2) {
            throw error(what + ": data_offsets must be [begin, end], got " + offsets.length + " numbers "
                    + Arrays.toString(offsets));
        }
        DType dtype = SafetensorsDtypes.fromName(dtypeName, source, name);
        int[] dims = new int[shape.length];
        boolean empty = false;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw error(what + ": shape " + Arrays.toString(shape) + " has size " + shape[i] + " at dim " + i
                        + ", more than a jgrad dimension can hold (" + Integer.MAX_VALUE + ")");
            }
            dims[i] = (int) shape[i];
            empty |= dims[i] == 0;
        }
        return new HeaderEntry(name, dtype, dims, offsets[0], offsets[1], empty ? 0 : product(dims));
    }

    /** The product of positive sizes, or -1 when it overflows a long. */
    private static long product(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (n > Long.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** A JSON array of non-negative integer literals ({@code 2.0}, {@code 1e3} and {@code -1} are refused). */
    private long[] naturals(JsonReader reader, String what) throws IOException {
        expect(reader, JsonToken.BEGIN_ARRAY, what);
        reader.beginArray();
        long[] values = new long[4];
        int n = 0;
        while (reader.hasNext()) {
            JsonToken token = reader.peek();
            if (token != JsonToken.NUMBER) {
                throw error(what + ": element " + n + " must be a non-negative integer, found " + describe(token));
            }
            String literal = reader.nextString();
            if (!isIntegerLiteral(literal)) {
                throw error(what + ": element " + n + " must be a non-negative integer, found " + literal);
            }
            if (literal.startsWith("-")) {
                throw error(what + ": element " + n + " is negative (" + literal + ")");
            }
            long value;
            try {
                value = Long.parseLong(literal);
            } catch (NumberFormatException e) {
                throw error(what + ": element " + n + " is " + literal + ", too large");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = value;
        }
        reader.endArray();
        return Arrays.copyOf(values, n);
    }

    private static boolean isIntegerLiteral(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void requireFirst(boolean first, String what, String field) throws CheckpointFormatException {
        if (!first) {
            throw error(what + ": field '" + field + "' appears twice");
        }
    }

    private void expect(JsonReader reader, JsonToken token, String what) throws IOException {
        JsonToken actual = reader.peek();
        if (actual != token) {
            throw error(what + " must be a JSON " + describe(token) + ", found " + describe(actual));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case BEGIN_OBJECT -> "object";
            case BEGIN_ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case END_DOCUMENT -> "end of header";
            default -> token.toString();
        };
    }

    private CheckpointFormatException error(String problem) {
        return new CheckpointFormatException(source, problem);
    }
}
