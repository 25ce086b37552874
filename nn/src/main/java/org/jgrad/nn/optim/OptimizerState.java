package org.jgrad.nn.optim;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.NDArray;

/**
 * A saved optimizer, laid out as PyTorch's {@code optimizer.state_dict()}: the per-parameter state tensors,
 * keyed {@code state.<i>.<name>} where {@code i} is the parameter's position counted across all groups
 * (e.g. {@code state.0.exp_avg}, {@code state.0.step}), and one entry per param group with its
 * hyper-parameters and the positions of its parameters. The tensors and the small JSON of the groups
 * ({@link #toJson()}, PyTorch's {@code param_groups} list plus the optimizer's name in each group) travel
 * separately: a {@link org.jgrad.nn.io.Checkpoint} stores the tensors under {@code optimizer.} and the JSON in
 * its metadata ({@link #toCheckpoint()}, {@link #fromCheckpoint}).
 *
 * <pre>{@code
 * OptimizerState s = opt.stateDict();
 * String json = s.toJson();   // [{"optimizer":"Adam","lr":0.001,"betas":[0.9,0.999],...,"params":[0,1]}]
 * opt2.loadStateDict(OptimizerState.fromJson(json, s.tensors()));
 *
 * Checkpoint.save(path, Checkpoint.dataOf(model.stateDict()), opt.stateDict().toCheckpoint(), Map.of());
 * opt2.loadStateDict(OptimizerState.fromCheckpoint(Checkpoint.load(path).optimizer().orElseThrow()));
 * }</pre>
 *
 * @param optimizer the optimizer's class name ({@code "SGD"}, {@code "Adam"}, ...), checked on loading
 * @param tensors the per-parameter state tensors by key
 * @param paramGroups the groups, in order
 */
public record OptimizerState(String optimizer, Map<String, Tensor> tensors, List<Group> paramGroups) {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    /** The key of the optimizer's name in each group of the JSON. */
    private static final String OPTIMIZER_KEY = "optimizer";

    /**
     * One saved param group.
     *
     * @param options the hyper-parameters as {@link OptimizerOptions#toMap()} gives them
     * @param initialLr PyTorch's {@code initial_lr}, set once a schedule was attached
     * @param params the positions of the group's parameters, counted across all groups
     */
    public record Group(Map<String, Object> options, OptionalDouble initialLr, List<Integer> params) {
        public Group {
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            Objects.requireNonNull(initialLr, "OptimizerState.Group: initialLr is null (use OptionalDouble.empty())");
            params = List.copyOf(params);
        }
    }

    public OptimizerState {
        Objects.requireNonNull(optimizer, "OptimizerState: optimizer is null");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        paramGroups = List.copyOf(paramGroups);
    }

    /** The state tensor key for parameter position {@code index} and state name {@code name}. */
    public static String key(int index, String name) {
        return "state." + index + "." + name;
    }

    /**
     * The param groups as JSON, PyTorch's {@code param_groups} list: per group the optimizer's name, its
     * options, {@code initialLr} when a schedule set it, and its parameter positions. The tensors are not
     * included.
     */
    public String toJson() {
        JsonArray groups = new JsonArray();
        for (Group g : paramGroups) {
            JsonObject o = new JsonObject();
            o.addProperty(OPTIMIZER_KEY, optimizer);
            g.options().forEach((k, v) -> o.add(k, toJson(v)));
            g.initialLr().ifPresent(lr -> o.addProperty("initialLr", lr));
            JsonArray ids = new JsonArray();
            g.params().forEach(ids::add);
            o.add("params", ids);
            groups.add(o);
        }
        return GSON.toJson(groups);
    }

    private static JsonElement toJson(Object value) {
        if (value instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (value instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (value instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(item -> a.add(toJson(item)));
            return a;
        }
        throw new IllegalArgumentException("OptimizerState.toJson: unsupported option value " + value
                + (value == null ? "" : " of type " + value.getClass().getSimpleName()));
    }

    /**
     * The state from {@link #toJson()}'s output and the tensors saved beside it.
     *
     * @throws IllegalArgumentException if the JSON is malformed, has no group, or its groups disagree on the
     *     optimizer's name
     */
    public static OptimizerState fromJson(String json, Map<String, Tensor> tensors) {
        try {
            String optimizer = null;
            List<Group> groups = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
                JsonObject group = e.getAsJsonObject();
                String name = group.get(OPTIMIZER_KEY).getAsString();
                if (optimizer != null && !optimizer.equals(name)) {
                    throw new IllegalStateException("group " + groups.size() + " is for " + name + ", the first for "
                            + optimizer);
                }
                optimizer = name;
                Map<String, Object> options = new LinkedHashMap<>();
                OptionalDouble initialLr = OptionalDouble.empty();
                List<Integer> params = new ArrayList<>();
                for (Map.Entry<String, JsonElement> field : group.entrySet()) {
                    switch (field.getKey()) {
                        case OPTIMIZER_KEY -> { }
                        case "params" -> field.getValue().getAsJsonArray().forEach(i -> params.add(i.getAsInt()));
                        case "initialLr" -> initialLr = OptionalDouble.of(field.getValue().getAsDouble());
                        default -> options.put(field.getKey(), fromJson(field.getValue()));
                    }
                }
                groups.add(new Group(options, initialLr, params));
            }
            if (optimizer == null) {
                throw new IllegalStateException("no param group");
            }
            return new OptimizerState(optimizer, tensors, groups);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | NumberFormatException e) {
            throw new IllegalArgumentException("OptimizerState.fromJson: expected a list of param groups"
                    + " [{\"optimizer\": name, ..., \"params\": [ints]}, ...], got " + abbreviate(json) + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** This state as a checkpoint stores it: the tensors' arrays and {@link #toJson()}. */
    public org.jgrad.nn.io.SavedOptimizer toCheckpoint() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        tensors.forEach((k, t) -> arrays.put(k, t.data()));
        return new org.jgrad.nn.io.SavedOptimizer(arrays, toJson());
    }

    /** The state a checkpoint held (the inverse of {@link #toCheckpoint()}). */
    public static OptimizerState fromCheckpoint(org.jgrad.nn.io.SavedOptimizer saved) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        saved.state().forEach((k, a) -> tensors.put(k, Tensor.of(a)));
        return fromJson(saved.paramGroups(), tensors);
    }

    private static Object fromJson(JsonElement e) {
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            e.getAsJsonArray().forEach(item -> list.add(fromJson(item)));
            return list;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? (Object) p.getAsBoolean() : (Object) p.getAsDouble();
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? String.valueOf(s) : s.substring(0, 200) + "...";
    }
}
