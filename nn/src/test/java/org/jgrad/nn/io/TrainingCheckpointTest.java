package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.BatchNorm1d;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.optim.Adam;
import org.jgrad.nn.optim.Optimizer;
import org.jgrad.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model + optimizer checkpoints: training resumes bit for bit, and a file that does not fit changes nothing. */
class TrainingCheckpointTest {
    private static final Tensor X = Tensor.of(NDArray.randn(new Generator(3), DType.F32, 8, 4));
    private static final Tensor Y = Tensor.of(NDArray.randn(new Generator(4), DType.F32, 8, 2));

    @TempDir
    Path dir;

    private static Module model(long seed) {
        Generator gen = new Generator(seed);
        return new Sequential(new Linear(4, 6, gen), new BatchNorm1d(6), new ReLU(), new Linear(6, 2, gen));
    }

    private static void step(Module m, Optimizer<?> opt) {
        opt.zeroGrad();
        m.forward(X).mseLoss(Y).backward();
        opt.step();
    }

    private static List<float[]> values(Module m) {
        return m.stateDict().values().stream().map(t -> t.to(DType.F32).toFloatArray()).toList();
    }

    @Test
    void trainingResumesBitForBitFromAFile() throws Exception {
        Module a = model(1);
        Adam adamA = new Adam(a.parameters(), new Adam.Options().lr(0.01));
        for (int i = 0; i < 3; i++) {
            step(a, adamA);
        }
        Path file = dir.resolve("ckpt.safetensors");
        TrainingCheckpoint.save(file, a, adamA, Map.of("epoch", "3"));
        step(a, adamA);
        step(a, adamA);

        Module b = model(99);
        Adam adamB = new Adam(b.parameters(), new Adam.Options().lr(0.5));
        Map<String, String> meta = TrainingCheckpoint.restore(file, b, adamB);
        assertEquals("3", meta.get("epoch"));
        step(b, adamB);
        step(b, adamB);
        List<float[]> va = values(a);
        List<float[]> vb = values(b);
        for (int i = 0; i < va.size(); i++) {
            assertArrayEquals(va.get(i), vb.get(i), "state tensor " + i + " after resuming");
        }
    }

    @Test
    void anOptimizerThatDoesNotFitLeavesModelAndOptimizerUnchanged() throws Exception {
        Module a = model(1);
        Adam adam = new Adam(a.parameters(), new Adam.Options());
        step(a, adam);
        Path file = dir.resolve("adam.safetensors");
        TrainingCheckpoint.save(file, a, adam, Map.of());

        Module b = model(2);
        SGD sgd = new SGD(b.parameters(), new SGD.Options(0.1).momentum(0.9));
        step(b, sgd);
        List<float[]> before = values(b);
        var sgdBefore = sgd.stateDict();
        RuntimeException e = assertThrows(RuntimeException.class, () -> TrainingCheckpoint.restore(file, b, sgd));
        assertTrue(e.getMessage().contains("Adam") && e.getMessage().contains("SGD"), e.getMessage());
        List<float[]> after = values(b);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "model state tensor " + i + " must be rolled back");
        }
        assertEquals(sgdBefore.toJson(), sgd.stateDict().toJson());
    }

    @Test
    void aTruncatedFileIsRejectedAndTheModelIsUnchanged() throws Exception {
        Module a = model(1);
        Path file = dir.resolve("model.safetensors");
        TrainingCheckpoint.save(file, a, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        Module b = model(2);
        List<float[]> before = values(b);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TrainingCheckpoint.restore(file, b));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        List<float[]> after = values(b);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i));
        }
    }

    @Test
    void aFileForAnotherArchitectureNamesTheBadKeys() throws Exception {
        Path file = dir.resolve("other.safetensors");
        Generator gen = new Generator(5);
        TrainingCheckpoint.save(file, new Sequential(new Linear(4, 7, gen), new ReLU(), new Linear(7, 2, gen)), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingCheckpoint.restore(file, model(1)));
        assertTrue(e.getMessage().contains("0.weight: checkpoint [7, 4], model [6, 4]"), e.getMessage());
        assertTrue(e.getMessage().contains("missing keys [1.weight"), e.getMessage());
    }
}
