package org.jgrad.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.NDArray;

/**
 * A training checkpoint: model state dict, optionally the optimizer's state, and string metadata, all in
 * ONE safetensors file, written atomically.
 *
 * <p>Key layout, chosen so that PyTorch reads the model part as is:
 * <ul>
 *   <li>model tensors keep their state-dict names ({@code layers.0.weight}), so a model-only checkpoint is
 *       exactly a PyTorch {@code state_dict} saved with {@code safetensors.torch.save_file}, and
 *       {@code model.load_state_dict(load_file(path))} works;</li>
 *   <li>optimizer tensors are stored as {@code optimizer.} + their {@link SavedOptimizer} key, e.g.
 *       {@code optimizer.state.0.exp_avg}, and the param groups as JSON text in the metadata key
 *       {@value #PARAM_GROUPS_KEY}. That key marks a file as holding an optimizer: only then are
 *       {@code optimizer.}-prefixed tensors read back as optimizer state, so a model whose own submodule is
 *       called {@code optimizer} still round-trips in a model-only checkpoint (saving it together with an
 *       optimizer is refused as ambiguous);</li>
 *   <li>user metadata goes to {@code __metadata__} as given ({@value #PARAM_GROUPS_KEY} is reserved).
 *       Saving adds {@code "format": "pt"} when absent, the marker Hugging Face loaders
 *       expect in a PyTorch safetensors file; loading returns it like any other metadata.</li>
 * </ul>
 *
 * <pre>{@code
 * Checkpoint.save(Path.of("ckpt.safetensors"), Checkpoint.dataOf(module.stateDict()),
 *         new SavedOptimizer(adamTensors, adamParamGroupsJson), Map.of("epoch", "3"));
 * Checkpoint c = Checkpoint.load(Path.of("ckpt.safetensors"));
 * c.model();                               // "layers.0.weight" -> NDArray, ...
 * c.optimizer().orElseThrow().state();    // "state.0.exp_avg" -> NDArray, ...
 * c.metadata().get("epoch");              // "3"
 * }</pre>
 *
 * @param model model state dict, in order
 * @param optimizer the optimizer's state, if saved
 * @param metadata free-form string metadata
 */
public record Checkpoint(Map<String, NDArray> model, Optional<SavedOptimizer> optimizer, Map<String, String> metadata) {
    /** Prefix of optimizer tensors in the file. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Metadata key holding the optimizer's param groups as JSON; its presence marks an optimizer. */
    public static final String PARAM_GROUPS_KEY = "optimizer.param_groups";
    /** Metadata key and value of the Hugging Face framework marker. */
    public static final String FORMAT_KEY = "format";
    public static final String FORMAT_PYTORCH = "pt";

    public Checkpoint {
        model = copy(model, "model");
        Objects.requireNonNull(optimizer, "Checkpoint: optimizer must not be null (use Optional.empty())");
        metadata = copy(metadata, "metadata");
        if (metadata.containsKey(PARAM_GROUPS_KEY)) {
            throw new IllegalArgumentException("Checkpoint: metadata key '" + PARAM_GROUPS_KEY
                    + "' is reserved for the optimizer's param groups; pass them in an SavedOptimizer");
        }
        if (optimizer.isPresent()) {
            for (String key : model.keySet()) {
                if (key.startsWith(OPTIMIZER_PREFIX)) {
                    throw new IllegalArgumentException("Checkpoint: model tensor '" + key + "' starts with '"
                            + OPTIMIZER_PREFIX + "', the prefix of optimizer tensors, so it could not be told "
                            + "apart from them; rename the submodule or save the model without the optimizer");
                }
            }
        }
    }

    /** A model-only checkpoint without metadata. */
    public Checkpoint(Map<String, NDArray> model) {
        this(model, Optional.empty(), Map.of());
    }

    /** Saves model, optimizer state and metadata to {@code path} atomically. */
    public static void save(Path path, Map<String, NDArray> model, SavedOptimizer optimizer,
            Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(optimizer, "Checkpoint.save: optimizer must not be null (save a model-only "
                + "checkpoint with new Checkpoint(model, Optional.empty(), metadata).save(path))");
        new Checkpoint(model, Optional.of(optimizer), metadata).save(path);
    }

    /** Saves this checkpoint to {@code path} atomically (the previous file survives any failure). */
    public void save(Path path) throws IOException {
        Safetensors.write(path, toSafetensors());
    }

    /** The safetensors contents this checkpoint is saved as (see the class comment for the layout). */
    public SafetensorsFile toSafetensors() {
        Map<String, NDArray> tensors = new LinkedHashMap<>(model);
        Map<String, String> meta = new LinkedHashMap<>();
        if (!metadata.containsKey(FORMAT_KEY)) {
            meta.put(FORMAT_KEY, FORMAT_PYTORCH);
        }
        meta.putAll(metadata);
        optimizer.ifPresent(o -> {
            o.state().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
            meta.put(PARAM_GROUPS_KEY, o.paramGroups());
        });
        return new SafetensorsFile(tensors, meta);
    }

    /** Loads a checkpoint, or any safetensors file (then everything is model state). */
    public static Checkpoint load(Path path) throws IOException {
        return fromSafetensors(Safetensors.read(path), path.toString());
    }

    /** Splits safetensors contents into model, optimizer and metadata (the inverse of {@link #toSafetensors}). */
    public static Checkpoint fromSafetensors(SafetensorsFile file) throws CheckpointFormatException {
        return fromSafetensors(file, "safetensors file");
    }

    private static Checkpoint fromSafetensors(SafetensorsFile file, String source) throws CheckpointFormatException {
        Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
        String groups = metadata.remove(PARAM_GROUPS_KEY);
        if (groups == null) {
            return new Checkpoint(file.tensors(), Optional.empty(), metadata);
        }
        String problem = SavedOptimizer.paramGroupsProblem(groups);
        if (problem != null) {
            throw new CheckpointFormatException(source, "metadata '" + PARAM_GROUPS_KEY + "' " + problem);
        }
        Map<String, NDArray> model = new LinkedHashMap<>();
        Map<String, NDArray> state = new LinkedHashMap<>();
        file.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                state.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else {
                model.put(name, t);
            }
        });
        return new Checkpoint(model, Optional.of(new SavedOptimizer(state, groups)), metadata);
    }

    /** The arrays of a state dict of tensors ({@code Module.stateDict()}), in the same order. */
    public static Map<String, NDArray> dataOf(Map<String, Tensor> tensors) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.data()));
        return out;
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        Objects.requireNonNull(map, () -> "Checkpoint: " + what + " must not be null");
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(Objects.requireNonNull(k, () -> "Checkpoint: " + what + " has a null key"),
                Objects.requireNonNull(v, () -> "Checkpoint: " + what + " '" + k + "' is null")));
        return Collections.unmodifiableMap(out);
    }
}
