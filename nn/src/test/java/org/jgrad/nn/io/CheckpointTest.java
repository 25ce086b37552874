package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model, optimizer and metadata share one file whose model part uses PyTorch's state-dict names. */
class CheckpointTest {
    @TempDir
    Path dir;

    private static final String ADAM_GROUPS = "[{\"lr\":0.001,\"betas\":[0.9,0.999],\"eps\":1e-08,"
            + "\"weight_decay\":0,\"amsgrad\":false,\"params\":[0,1]}]";

    private static Map<String, NDArray> model() {
        Generator g = new Generator(42);
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("layers.0.weight", NDArray.randn(g, DType.F32, 4, 3));
        m.put("layers.0.bias", NDArray.randn(g, DType.F32, 4));
        m.put("bn.num_batches_tracked", NDArray.scalar(7, DType.I64));
        return m;
    }

    private static SavedOptimizer adam() {
        Generator g = new Generator(7);
        Map<String, NDArray> s = new LinkedHashMap<>();
        s.put("state.0.step", NDArray.scalar(3, DType.F32));
        s.put("state.0.exp_avg", NDArray.randn(g, DType.F32, 4, 3));
        s.put("state.0.exp_avg_sq", NDArray.rand(g, DType.F32, 4, 3));
        s.put("state.1.step", NDArray.scalar(3, DType.F32));
        s.put("state.1.exp_avg", NDArray.randn(g, DType.F32, 4));
        s.put("state.1.exp_avg_sq", NDArray.rand(g, DType.F32, 4));
        return new SavedOptimizer(s, ADAM_GROUPS);
    }

    private static void assertSameArrays(Map<String, NDArray> expected, Map<String, NDArray> actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        expected.forEach((k, v) -> {
            assertEquals(v.dtype(), actual.get(k).dtype(), k);
            assertEquals(v.shape(), actual.get(k).shape(), k);
            assertArrayEquals(v.toDoubleArray(), actual.get(k).toDoubleArray(), k);
        });
    }

    @Test
    void aModelOnlyCheckpointIsAPlainStateDictFile() throws Exception {
        Path path = dir.resolve("model.safetensors");
        new Checkpoint(model()).save(path);

        SafetensorsFile raw = Safetensors.read(path);
        assertEquals(List.of("layers.0.weight", "layers.0.bias", "bn.num_batches_tracked"),
                new ArrayList<>(raw.tensors().keySet()), "exactly the state-dict names, nothing else");
        assertEquals(Map.of("format", "pt"), raw.metadata());

        Checkpoint back = Checkpoint.load(path);
        assertSameArrays(model(), back.model());
        assertEquals(Optional.empty(), back.optimizer());
    }

    @Test
    void modelOptimizerAndMetadataRoundTrip() throws Exception {
        Path path = dir.resolve("ckpt.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epoch", "3");
        meta.put("val_loss", "0.125");
        Checkpoint.save(path, model(), adam(), meta);

        SafetensorsFile raw = Safetensors.read(path);
        assertTrue(raw.tensors().containsKey("optimizer.state.0.exp_avg"), raw.tensors().keySet().toString());
        assertTrue(raw.tensors().containsKey("layers.0.weight"));
        assertEquals(ADAM_GROUPS, raw.metadata().get("optimizer.param_groups"));

        Checkpoint back = Checkpoint.load(path);
        assertSameArrays(model(), back.model());
        SavedOptimizer opt = back.optimizer().orElseThrow();
        assertSameArrays(adam().state(), opt.state());
        assertEquals(ADAM_GROUPS, opt.paramGroups());
        Map<String, String> expectedMeta = new LinkedHashMap<>();
        expectedMeta.put("format", "pt");
        expectedMeta.putAll(meta);
        assertEquals(expectedMeta, back.metadata());
    }

    @Test
    void anOptimizerWithoutStateYetStillRoundTrips() throws Exception {
        Path path = dir.resolve("fresh.safetensors");
        Checkpoint.save(path, model(), new SavedOptimizer(Map.of(), ADAM_GROUPS), Map.of());
        SavedOptimizer opt = Checkpoint.load(path).optimizer().orElseThrow();
        assertEquals(Map.of(), opt.state());
        assertEquals(ADAM_GROUPS, opt.paramGroups());
    }

    @Test
    void aUserFormatKeyIsKept() throws Exception {
        Path path = dir.resolve("m.safetensors");
        new Checkpoint(model(), Optional.empty(), Map.of("format", "jgrad")).save(path);
        assertEquals(Map.of("format", "jgrad"), Checkpoint.load(path).metadata());
    }

    @Test
    void aSubmoduleNamedOptimizerRoundTripsInAModelOnlyFile() throws Exception {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put("optimizer.weight", NDArray.ones(DType.F32, 2));
        Path path = dir.resolve("m.safetensors");
        new Checkpoint(m).save(path);
        Checkpoint back = Checkpoint.load(path);
        assertEquals(List.of("optimizer.weight"), new ArrayList<>(back.model().keySet()));
        assertEquals(Optional.empty(), back.optimizer());
    }

    @Test
    void ambiguousOrReservedNamesAreRefused() {
        Map<String, NDArray> m = Map.of("optimizer.weight", NDArray.ones(DType.F32, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(m, Optional.of(adam()), Map.of()));
        assertTrue(e.getMessage().contains("model tensor 'optimizer.weight' starts with 'optimizer.'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class,
                () -> new Checkpoint(model(), Optional.empty(), Map.of("optimizer.param_groups", "[]")));
        assertTrue(e.getMessage().contains("'optimizer.param_groups' is reserved"), e.getMessage());
    }

    @Test
    void paramGroupsMustBeAJsonListOfObjects() {
        for (String bad : List.of("{}", "[1]", "[{}] x", "[{\"lr\":}]", "", "[{'lr': 1}]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SavedOptimizer(Map.of(), bad), bad);
            assertTrue(e.getMessage().startsWith("SavedOptimizer: paramGroups "), e.getMessage());
        }
        new SavedOptimizer(Map.of(), "[]");
        new SavedOptimizer(Map.of(), " [ {\"params\": [0], \"nested\": {\"a\": [[1]]}} ] ");
    }

    @Test
    void aFileWithBrokenParamGroupsIsAFormatError() throws Exception {
        Path path = dir.resolve("bad.safetensors");
        Safetensors.write(path, model(), Map.of("optimizer.param_groups", "not json"));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(path));
        assertTrue(e.getMessage().startsWith(path + ": metadata 'optimizer.param_groups' is not valid JSON"),
                e.getMessage());
    }

    @Test
    void aForeignSafetensorsFileLoadsAsModelState() throws Exception {
        Path path = dir.resolve("foreign.safetensors");
        Safetensors.write(path, model(), Map.of());
        Checkpoint back = Checkpoint.load(path);
        assertSameArrays(model(), back.model());
        assertEquals(Map.of(), back.metadata());
    }

    @Test
    void toAndFromSafetensorsAreInverse() throws Exception {
        Checkpoint c = new Checkpoint(model(), Optional.of(adam()), Map.of("format", "pt", "k", "v"));
        Checkpoint back = Checkpoint.fromSafetensors(c.toSafetensors());
        assertEquals(c.metadata(), back.metadata());
        assertSameArrays(c.model(), back.model());
        assertSameArrays(c.optimizer().orElseThrow().state(), back.optimizer().orElseThrow().state());
    }

    @Test
    void dataOfTakesTheArraysOfTensorsInOrder() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Tensor b = Tensor.ones(DType.F32, 2);
        Tensor a = Tensor.zeros(DType.F32, 3).requiresGrad(true);
        tensors.put("b", b);
        tensors.put("a", a);
        Map<String, NDArray> data = Checkpoint.dataOf(tensors);
        assertEquals(List.of("b", "a"), new ArrayList<>(data.keySet()));
        assertSame(b.data(), data.get("b"));
        assertSame(a.data(), data.get("a"));
    }
}
