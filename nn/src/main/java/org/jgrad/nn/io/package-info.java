/**
 * Checkpoints in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format.
 *
 * <ul>
 *   <li>{@link org.jgrad.nn.io.Safetensors}: read and write maps of arrays plus string metadata
 *       ({@link org.jgrad.nn.io.SafetensorsFile}), strictly validated, compatible with PyTorch;</li>
 *   <li>{@link org.jgrad.nn.io.Checkpoint}: model state dict, {@link org.jgrad.nn.io.SavedOptimizer} and
 *       metadata in one file, with PyTorch's state-dict names;</li>
 *   <li>{@link org.jgrad.nn.io.AtomicFiles}: the all-or-nothing file write both use, for any writer;</li>
 *   <li>{@link org.jgrad.nn.io.CheckpointFormatException}: every format error, naming file, tensor and problem.</li>
 * </ul>
 *
 * <pre>{@code
 * Checkpoint.save(path, Checkpoint.dataOf(model.stateDict()), optimizerState, Map.of("epoch", "3"));
 * Checkpoint c = Checkpoint.load(path);
 * }</pre>
 */
package org.jgrad.nn.io;
