package org.jgrad.nn.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jgrad.core.NDArray;

/**
 * The contents of a safetensors file: named tensors and string metadata, both in a fixed order. The maps
 * are unmodifiable copies; the arrays themselves are shared (NDArrays are immutable values).
 *
 * <p>Order: reading gives the tensors in the order the header lists them, and writing lists them in the
 * map's iteration order, so a write-read round trip keeps the order of a state dict.
 *
 * <pre>{@code
 * Map<String, NDArray> tensors = new LinkedHashMap<>();
 * tensors.put("fc.weight", NDArray.randn(new Generator(0), DType.F32, 4, 3));
 * SafetensorsFile file = new SafetensorsFile(tensors, Map.of("epoch", "3"));
 * }</pre>
 *
 * @param tensors tensor name to array; no name may be {@code __metadata__}, the header's reserved key
 * @param metadata the header's {@code __metadata__} map of free-form strings (empty when there is none)
 */
public record SafetensorsFile(Map<String, NDArray> tensors, Map<String, String> metadata) {

    public SafetensorsFile {
        tensors = orderedCopy(tensors, "tensors");
        metadata = orderedCopy(metadata, "metadata");
        if (tensors.containsKey(HeaderParser.METADATA_KEY)) {
            throw new IllegalArgumentException("SafetensorsFile: a tensor cannot be named '"
                    + HeaderParser.METADATA_KEY + "', the key the format reserves for metadata");
        }
    }

    /** A file with tensors and no metadata. */
    public SafetensorsFile(Map<String, NDArray> tensors) {
        this(tensors, Map.of());
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> map, String what) {
        Objects.requireNonNull(map, () -> "SafetensorsFile: " + what + " must not be null");
        Map<String, V> copy = new LinkedHashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new NullPointerException("SafetensorsFile: " + what + " holds a null "
                        + (e.getKey() == null ? "key" : "value for '" + e.getKey() + "'"));
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }
}
