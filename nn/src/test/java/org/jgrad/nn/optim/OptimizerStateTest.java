package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.nn.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Saving and restoring optimizer state: exact continuation, the saved layout, and refused mismatches. */
class OptimizerStateTest {
    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD nesterov, weight decay", (Function<TinyMlp, Optimizer<?>>) m -> new SGD(m.parameters(),
                        new SGD.Options(0.1).momentum(0.9).nesterov(true).weightDecay(0.01))),
                Arguments.of("SGD dampening", (Function<TinyMlp, Optimizer<?>>) m -> new SGD(m.parameters(),
                        new SGD.Options(0.1).momentum(0.5).dampening(0.2))),
                Arguments.of("Adam amsgrad, weight decay", (Function<TinyMlp, Optimizer<?>>) m -> new Adam(m.parameters(),
                        new Adam.Options().lr(0.01).betas(0.9, 0.9).amsgrad(true).weightDecay(0.1))),
                Arguments.of("AdamW", (Function<TinyMlp, Optimizer<?>>) m -> new AdamW(m.parameters(),
                        new AdamW.Options().lr(0.01))),
                Arguments.of("RMSprop centered, momentum", (Function<TinyMlp, Optimizer<?>>) m -> new RMSprop(
                        m.parameters(), new RMSprop.Options().momentum(0.9).centered(true).weightDecay(0.1))),
                Arguments.of("SGD two groups", (Function<TinyMlp, Optimizer<?>>) m -> new SGD(List.of(
                        new ParamGroup<>(List.of(m.w1, m.b1), new SGD.Options(0.1).momentum(0.9)),
                        new ParamGroup<>(List.of(m.w2, m.b2), new SGD.Options(0.05))))));
    }

    /**
     * Train 3 steps, save, train 2 more; a fresh model and optimizer (other initial weights, other learning
     * rate) loaded from the saved model and optimizer state must reach bit-identical parameters in 2 steps.
     * The learning rate is changed before saving, so the groups' options must come from the state too, and
     * the state goes through its JSON, as a checkpoint would.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void restoredTrainingContinuesBitForBit(String name, Function<TinyMlp, Optimizer<?>> make) {
        TinyMlp original = new TinyMlp(1);
        Optimizer<?> opt = make.apply(original);
        original.trainStep(opt);
        original.trainStep(opt);
        opt.paramGroups().get(0).setLr(opt.paramGroups().get(0).lr() * 0.5);
        original.trainStep(opt);
        Map<String, Tensor> modelState = snapshot(original.stateDict());
        OptimizerState saved = opt.stateDict();
        String json = saved.toJson();
        original.trainStep(opt);
        original.trainStep(opt);

        TinyMlp resumed = new TinyMlp(2);
        Optimizer<?> resumedOpt = make.apply(resumed);
        resumedOpt.paramGroups().get(0).setLr(123.0);
        resumed.loadStateDict(modelState, true);
        resumedOpt.loadStateDict(OptimizerState.fromJson(json, saved.tensors()));
        assertEquals(json, resumedOpt.stateDict().toJson(), "the loaded options");
        resumed.trainStep(resumedOpt);
        resumed.trainStep(resumedOpt);

        List<float[]> expected = original.values();
        List<float[]> actual = resumed.values();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, "parameter " + i);
        }
        assertNotEquals(new TinyMlp(2).values().get(0)[0], actual.get(0)[0], "the resumed model did train");
    }

    /** The same continuation through a real checkpoint file (nn.io's Checkpoint: safetensors + JSON metadata). */
    @Test
    void restoredFromACheckpointFileContinuesBitForBit(@TempDir Path dir) throws IOException {
        TinyMlp original = new TinyMlp(1);
        Adam opt = new Adam(original.parameters(), new Adam.Options().lr(0.01).amsgrad(true));
        new ExponentialLR(opt, 0.9).step();
        for (int i = 0; i < 3; i++) {
            original.trainStep(opt);
        }
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, Checkpoint.dataOf(original.stateDict()), opt.stateDict().toCheckpoint(),
                Map.of("epoch", "3"));
        original.trainStep(opt);
        original.trainStep(opt);

        Checkpoint c = Checkpoint.load(file);
        TinyMlp resumed = new TinyMlp(2);
        Adam resumedOpt = new Adam(resumed.parameters(), new Adam.Options());
        Map<String, Tensor> model = new LinkedHashMap<>();
        c.model().forEach((k, a) -> model.put(k, Tensor.of(a)));
        resumed.loadStateDict(model, true);
        resumedOpt.loadStateDict(OptimizerState.fromCheckpoint(c.optimizer().orElseThrow()));
        assertEquals(0.01 * 0.9, resumedOpt.paramGroups().get(0).lr());
        assertEquals(0.01, resumedOpt.paramGroups().get(0).initialLr().getAsDouble());
        resumed.trainStep(resumedOpt);
        resumed.trainStep(resumedOpt);
        List<float[]> expected = original.values();
        List<float[]> actual = resumed.values();
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, "parameter " + i);
        }
    }

    @Test
    void stateDictLayoutFollowsPyTorch() {
        TinyMlp m = new TinyMlp(1);
        Adam opt = new Adam(m.parameters(), new Adam.Options().lr(0.01).amsgrad(true));
        m.trainStep(opt);
        m.trainStep(opt);
        OptimizerState s = opt.stateDict();
        assertEquals("Adam", s.optimizer());
        Set<String> keys = new TreeSet<>();
        for (int i = 0; i < 4; i++) {
            for (String n : List.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq")) {
                keys.add("state." + i + "." + n);
            }
        }
        assertEquals(keys, new TreeSet<>(s.tensors().keySet()));
        Tensor step = s.tensors().get("state.0.step");
        assertEquals(DType.F32, step.dtype());
        assertEquals(0, step.rank());
        assertEquals(2.0, step.item());
        assertEquals(m.w2.shape(), s.tensors().get("state.2.exp_avg").shape());

        JsonArray json = JsonParser.parseString(s.toJson()).getAsJsonArray();
        assertEquals(1, json.size());
        JsonObject group = json.get(0).getAsJsonObject();
        assertEquals(List.of("optimizer", "lr", "betas", "eps", "weightDecay", "amsgrad", "params"),
                List.copyOf(group.keySet()));
        assertEquals("Adam", group.get("optimizer").getAsString());
        assertEquals(0.01, group.get("lr").getAsDouble());
        assertEquals(0.999, group.getAsJsonArray("betas").get(1).getAsDouble());
        assertEquals("[0,1,2,3]", group.get("params").toString());
    }

    @Test
    void stateDictIsASnapshot() {
        TinyMlp m = new TinyMlp(1);
        SGD opt = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
        m.trainStep(opt);
        OptimizerState s = opt.stateDict();
        float[] before = s.tensors().get("state.0.momentum_buffer").toFloatArray();
        m.trainStep(opt);
        assertArrayEquals(before, s.tensors().get("state.0.momentum_buffer").toFloatArray(), 0f);
        assertNotEquals(before[0], opt.state(m.w1).get("momentum_buffer").toFloatArray()[0]);
    }

    @Test
    void paramsWithoutStateAreSavedWithoutState() {
        TinyMlp m = new TinyMlp(1);
        Adam opt = new Adam(m.parameters(), new Adam.Options());
        opt.step();   // no grads yet: nothing to do
        assertTrue(opt.stateDict().tensors().isEmpty());
        m.forward(TinyMlp.X).sum().backward();
        m.b2.zeroGrad();
        opt.step();
        assertEquals(Set.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.1.step", "state.1.exp_avg",
                "state.1.exp_avg_sq", "state.2.step", "state.2.exp_avg", "state.2.exp_avg_sq"),
                opt.stateDict().tensors().keySet());
    }

    @Test
    void initialLrTravelsWithTheState() {
        TinyMlp m = new TinyMlp(1);
        SGD opt = new SGD(m.parameters(), new SGD.Options(0.1));
        new StepLR(opt, 2, 0.5);
        String json = opt.stateDict().toJson();
        assertTrue(json.contains("\"initialLr\":0.1"), json);
        SGD other = new SGD(new TinyMlp(2).parameters(), new SGD.Options(0.3));
        other.loadStateDict(OptimizerState.fromJson(json, Map.of()));
        assertEquals(0.1, other.paramGroups().get(0).initialLr().getAsDouble());
    }

    // ---------------------------------------------------------------- mismatches

    /** An Adam after one step (with state), and a saved state of it to corrupt. */
    private static Adam trainedAdam() {
        TinyMlp m = new TinyMlp(1);
        Adam opt = new Adam(m.parameters(), new Adam.Options().lr(0.01));
        m.trainStep(opt);
        return opt;
    }

    private static void assertRefused(Adam opt, OptimizerState bad, String message) {
        OptimizerState before = opt.stateDict();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(bad));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith("Adam.loadStateDict: "), e.getMessage());
        OptimizerState after = opt.stateDict();
        assertEquals(before.toJson(), after.toJson(), "options unchanged");
        assertEquals(before.tensors().keySet(), after.tensors().keySet(), "state keys unchanged");
        before.tensors().forEach((k, t) -> assertArrayEquals(t.toFloatArray(), after.tensors().get(k).toFloatArray(), 0f,
                "state " + k + " unchanged"));
    }

    @Test
    void anotherOptimizersStateIsRefused() {
        TinyMlp m = new TinyMlp(1);
        SGD sgd = new SGD(m.parameters(), new SGD.Options(0.1).momentum(0.9));
        m.trainStep(sgd);
        assertRefused(trainedAdam(), sgd.stateDict(), "the state was saved by SGD, not Adam");
    }

    @Test
    void anotherGroupStructureIsRefused() {
        TinyMlp m = new TinyMlp(1);
        Adam twoGroups = new Adam(List.of(new ParamGroup<>(List.of(m.w1, m.b1), new Adam.Options()),
                new ParamGroup<>(List.of(m.w2, m.b2), new Adam.Options())));
        assertRefused(trainedAdam(), twoGroups.stateDict(), "the state has 2 param groups, this optimizer has 1");
        Adam fewer = new Adam(List.of(m.w1, m.b1, m.w2), new Adam.Options());
        assertRefused(trainedAdam(), fewer.stateDict(), "param group 0 has 3 parameters in the state but 4");
    }

    @Test
    void badStateTensorsAreRefused() {
        Adam opt = trainedAdam();
        OptimizerState good = opt.stateDict();
        assertRefused(opt, withTensor(good, "state.1.exp_avg", Tensor.zeros(DType.F32, 4, 5)),
                "state.1.exp_avg: shape [4, 5], expected [5] (the parameter's)");
        assertRefused(opt, withTensor(good, "state.0.momentum_buffer", Tensor.zeros(DType.F32, 5, 4)),
                "Adam keeps no state named 'momentum_buffer'");
        assertRefused(opt, withTensor(good, "state.7.exp_avg", Tensor.zeros(DType.F32, 5)),
                "no parameter has position 7");
        assertRefused(opt, withTensor(good, "state.0.step", Tensor.zeros(DType.F32, 2)),
                "state.0.step: shape [2], expected a single element");
        assertRefused(opt, withTensor(good, "exp_avg", Tensor.zeros(DType.F32, 5)), "not of the form");
        Map<String, Tensor> missing = new LinkedHashMap<>(good.tensors());
        missing.remove("state.2.exp_avg_sq");
        assertRefused(opt, new OptimizerState("Adam", missing, good.paramGroups()), "parameter 2 (group 0) has state");
    }

    @Test
    void badOptionsAreRefused() {
        Adam opt = trainedAdam();
        OptimizerState good = opt.stateDict();
        assertRefused(opt, OptimizerState.fromJson(good.toJson().replace("\"lr\":0.01", "\"lr\":-1.0"), good.tensors()),
                "param group 0: Adam: invalid learning rate: -1.0");
        assertRefused(opt, OptimizerState.fromJson(good.toJson().replace("\"eps\"", "\"epsilon\""), good.tensors()),
                "missing [eps], unknown [epsilon]");
        assertRefused(opt, OptimizerState.fromJson(good.toJson().replace("\"amsgrad\":false", "\"amsgrad\":0"),
                good.tensors()), "'amsgrad' must be true or false");
    }

    @Test
    void malformedJsonIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerState.fromJson("{\"paramGroups\": []}", Map.of()));
        assertTrue(e.getMessage().startsWith("OptimizerState.fromJson: expected a list of param groups"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimizerState.fromJson("[]", Map.of()));
        assertTrue(e.getMessage().contains("(no param group)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OptimizerState.fromJson(
                "[{\"optimizer\": \"SGD\", \"params\": [0]}, {\"optimizer\": \"Adam\", \"params\": [1]}]", Map.of()));
        assertTrue(e.getMessage().contains("group 1 is for Adam, the first for SGD"), e.getMessage());
    }

    private static OptimizerState withTensor(OptimizerState s, String key, Tensor t) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(s.tensors());
        tensors.put(key, t);
        return new OptimizerState(s.optimizer(), tensors, s.paramGroups());
    }

    private static Map<String, Tensor> snapshot(Map<String, Tensor> state) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        try (var noGrad = GradMode.noGrad()) {
            state.forEach((k, v) -> copy.put(k, v.copy()));
        }
        return copy;
    }
}
