package org.jgrad.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;
import org.jgrad.nn.optim.Optimizer;
import org.jgrad.nn.optim.OptimizerState;

/**
 * Saves and restores a model (and its optimizer) in one safetensors {@link Checkpoint} file: the everyday
 * API over {@link Checkpoint}'s maps. Saving is atomic; restoring is all or nothing: a file that does not
 * fit the model or the optimizer is rejected with the list of problems and leaves both unchanged.
 *
 * <pre>{@code
 * TrainingCheckpoint.save(path, model, optimizer, Map.of("epoch", "3"));
 * Map<String, String> meta = TrainingCheckpoint.restore(path, freshModel, freshOptimizer);   // training resumes
 * TrainingCheckpoint.restore(path, model);               // weights only, e.g. for inference
 * }</pre>
 */
public final class TrainingCheckpoint {
    private TrainingCheckpoint() {
    }

    /** Saves the model's state dict (PyTorch's names, so PyTorch can load it) and metadata. */
    public static void save(Path path, Module model, Map<String, String> metadata) throws IOException {
        new Checkpoint(Checkpoint.dataOf(model.stateDict()), Optional.empty(), metadata).save(path);
    }

    /** Saves the model's state dict, the optimizer's state and metadata in one file. */
    public static void save(Path path, Module model, Optimizer<?> optimizer, Map<String, String> metadata)
            throws IOException {
        Checkpoint.save(path, Checkpoint.dataOf(model.stateDict()), optimizer.stateDict().toCheckpoint(), metadata);
    }

    /** Loads the model's weights (strictly) from a checkpoint or any safetensors state dict; returns the metadata. */
    public static Map<String, String> restore(Path path, Module model) throws IOException {
        Checkpoint c = Checkpoint.load(path);
        model.loadStateDict(tensors(c.model()), true);
        return c.metadata();
    }

    /**
     * Loads model and optimizer state; returns the metadata. If the optimizer's state does not fit, the model
     * is put back as it was before the error is thrown.
     */
    public static Map<String, String> restore(Path path, Module model, Optimizer<?> optimizer) throws IOException {
        Checkpoint c = Checkpoint.load(path);
        SavedOptimizer saved = c.optimizer().orElseThrow(() -> new IllegalArgumentException(
                "TrainingCheckpoint.restore: " + path + " holds no optimizer state (saved without an optimizer?)"));
        OptimizerState state = OptimizerState.fromCheckpoint(saved);
        Map<String, Tensor> before = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> before.put(k, v.copy()));
        model.loadStateDict(tensors(c.model()), true);
        try {
            optimizer.loadStateDict(state);
        } catch (RuntimeException e) {
            model.loadStateDict(before, true);
            throw e;
        }
        return c.metadata();
    }

    private static Map<String, Tensor> tensors(Map<String, org.jgrad.core.NDArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, Tensor.of(v)));
        return out;
    }
}
