package org.jgrad.nn.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jgrad.core.NDArray;

/**
 * An optimizer's state dict, flattened the way a checkpoint stores it, mirroring PyTorch's
 * {@code optimizer.state_dict()}: per-parameter tensors keyed {@code state.<param index>.<name>} (e.g.
 * {@code state.0.exp_avg}, {@code state.0.step}), and {@code param_groups} (hyper-parameters plus the
 * parameter indices of each group) as JSON text.
 *
 * <pre>{@code
 * Map<String, NDArray> state = new LinkedHashMap<>();
 * state.put("state.0.momentum_buffer", NDArray.zeros(DType.F32, 4, 3));
 * SavedOptimizer sgd = new SavedOptimizer(state,
 *         "[{\"lr\": 0.1, \"momentum\": 0.9, \"params\": [0, 1]}]");
 * }</pre>
 *
 * @param state tensor name (without the checkpoint's {@code optimizer.} prefix) to array, in order
 * @param paramGroups JSON text of a list of objects, PyTorch's {@code param_groups}
 */
public record SavedOptimizer(Map<String, NDArray> state, String paramGroups) {

    public SavedOptimizer {
        Objects.requireNonNull(state, "SavedOptimizer: state must not be null");
        Objects.requireNonNull(paramGroups, "SavedOptimizer: paramGroups must not be null");
        Map<String, NDArray> copy = new LinkedHashMap<>();
        state.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "SavedOptimizer: null state key"),
                Objects.requireNonNull(v, () -> "SavedOptimizer: state '" + k + "' is null")));
        state = Collections.unmodifiableMap(copy);
        String problem = paramGroupsProblem(paramGroups);
        if (problem != null) {
            throw new IllegalArgumentException("SavedOptimizer: paramGroups " + problem);
        }
    }

    /**
     * Null when {@code json} is a JSON array of objects, else what is wrong. Checked without building a
     * tree: Gson skips values iteratively, so even a deeply nested hostile string is safe to check.
     */
    static String paramGroupsProblem(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_ARRAY) {
                return "must be a JSON array of objects, found " + reader.peek() + " in " + abbreviate(json);
            }
            reader.beginArray();
            for (int i = 0; reader.hasNext(); i++) {
                if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                    return "must be a JSON array of objects, element " + i + " is " + reader.peek();
                }
                reader.skipValue();
            }
            reader.endArray();
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return "has content after its JSON array";
            }
            return null;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return "is not valid JSON: " + HeaderParser.gsonProblem(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? "'" + s + "'" : "'" + s.substring(0, 57) + "...'";
    }
}
