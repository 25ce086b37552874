package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/** Field discovery, naming, modes and state dicts of {@link Module}, on small hand-made modules. */
class ModuleTest {
    /** A minimal affine layer: parameters as fields, one buffer, one transient cache, one frozen tensor. */
    static class Affine extends Module {
        final Tensor weight;
        final Tensor bias;
        @Buffer final Tensor runningMean;
        final Tensor frozenScale = Tensor.ones(DType.F32, 1);
        transient Tensor lastInput;
        static Tensor shared = Tensor.ones(DType.F32, 1);

        Affine(int in, int out, boolean withBias) {
            weight = Tensor.of(org.jgrad.core.NDArray.arange(0, in * out, 1, DType.F32).reshape(out, in)).requiresGrad(true);
            bias = withBias ? Tensor.zeros(DType.F32, out).requiresGrad(true) : null;
            runningMean = Tensor.zeros(DType.F32, out);
        }

        @Override
        public Tensor forward(Tensor x) {
            lastInput = x;
            Tensor y = x.linear(weight, bias);
            return y;
        }

        @Override
        protected String extraRepr() {
            return "in=" + weight.size(1) + ", out=" + weight.size(0);
        }
    }

    static class Net extends Module {
        final Affine inputLayer = new Affine(3, 4, true);
        final List<Module> blocks = new ArrayList<>(List.of(new Affine(4, 4, false), new Affine(4, 4, true)));
        final List<String> notModules = List.of("a", "b");
        final Affine outProj = new Affine(4, 2, true);

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = inputLayer.forward(x);
            for (Module b : blocks) {
                h = b.forward(h);
            }
            return outProj.forward(h);
        }
    }

    @Test
    void namesAreSnakeCaseFieldPathsInDeclarationOrder() {
        Net net = new Net();
        assertEquals(List.of("input_layer.weight", "input_layer.bias", "input_layer.frozen_scale",
                        "blocks.0.weight", "blocks.0.frozen_scale",
                        "blocks.1.weight", "blocks.1.bias", "blocks.1.frozen_scale",
                        "out_proj.weight", "out_proj.bias", "out_proj.frozen_scale"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(List.of("input_layer.running_mean", "blocks.0.running_mean", "blocks.1.running_mean",
                "out_proj.running_mean"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("", "input_layer", "blocks.0", "blocks.1", "out_proj"),
                List.copyOf(net.namedModules().keySet()));
    }

    @Test
    void stateDictListsParametersThenBuffersPerModuleAndSharesStorage() {
        Affine a = new Affine(2, 3, true);
        assertEquals(List.of("weight", "bias", "frozen_scale", "running_mean"), List.copyOf(a.stateDict().keySet()));
        Tensor w = a.stateDict().get("weight");
        assertFalse(w.requiresGrad());
        try (var noGrad = org.jgrad.autograd.GradMode.noGrad()) {
            a.weight.fill_(7);
        }
        assertEquals(7.0, w.toDoubleArray()[0], "a state dict shares storage with the module, as PyTorch's");
    }

    @Test
    void sharedParametersAreCountedOnce() {
        Affine a = new Affine(2, 2, true);
        class Tied extends Module {
            final Affine first = a;
            final Affine second = a;

            @Override
            public Tensor forward(Tensor x) {
                return second.forward(first.forward(x));
            }
        }
        Tied t = new Tied();
        assertEquals(List.of("first.weight", "first.bias", "first.frozen_scale"), List.copyOf(t.namedParameters().keySet()));
        assertEquals(4 + 2 + 1, t.parameterCount());
        assertEquals(4 + 2, t.trainableParameterCount());
        assertEquals(8, t.stateDict().size(), "the state dict keeps both names, as PyTorch's");
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Net net = new Net();
        net.eval();
        assertTrue(net.namedModules().values().stream().noneMatch(Module::isTraining));
        net.train();
        assertTrue(net.namedModules().values().stream().allMatch(Module::isTraining));
    }

    @Test
    void applyVisitsChildrenBeforeParents() {
        Net net = new Net();
        List<Module> order = new ArrayList<>();
        net.apply(order::add);
        assertEquals(5, order.size());
        assertSame(net, order.get(4));
        assertSame(net.inputLayer, order.get(0));
    }

    @Test
    void strictLoadCopiesInPlaceAndCasts() {
        Net source = new Net();
        Net target = new Net();
        Map<String, Tensor> state = new LinkedHashMap<>();
        source.stateDict().forEach((k, v) -> state.put(k, v.add(1.5).to(DType.F64)));
        Tensor weightBefore = target.inputLayer.weight;
        StateDictReport report = target.loadStateDict(state, true);
        assertTrue(report.isClean());
        assertSame(weightBefore, target.inputLayer.weight, "loading must not replace the parameter objects");
        assertEquals(DType.F32, target.inputLayer.weight.dtype());
        assertArrayEquals(state.get("input_layer.weight").toFloatArray(), target.inputLayer.weight.toFloatArray());
        assertArrayEquals(state.get("out_proj.running_mean").toFloatArray(), target.outProj.runningMean.toFloatArray());
    }

    @Test
    void strictLoadRejectsAndNamesEveryBadKeyLeavingTheModuleUnchanged() {
        Net target = new Net();
        Map<String, Tensor> snapshot = new LinkedHashMap<>();
        target.stateDict().forEach((k, v) -> snapshot.put(k, v.copy()));
        Map<String, Tensor> state = new LinkedHashMap<>();
        target.stateDict().forEach((k, v) -> state.put(k, v.add(1.0)));
        state.remove("out_proj.bias");
        state.put("extra.weight", Tensor.zeros(DType.F32, 1));
        state.put("input_layer.weight", Tensor.zeros(DType.F32, 3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state, true));
        assertTrue(e.getMessage().contains("missing keys [out_proj.bias]"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected keys [extra.weight]"), e.getMessage());
        assertTrue(e.getMessage().contains("input_layer.weight: checkpoint [3, 4], model [4, 3]"), e.getMessage());
        target.stateDict().forEach((k, v) -> assertArrayEquals(snapshot.get(k).toFloatArray(), v.toFloatArray(), k));
    }

    @Test
    void nonStrictLoadTakesTheMatchingSubsetAndReportsTheRest() {
        Net target = new Net();
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("out_proj.bias", Tensor.of(new float[] {5, 6}));
        state.put("out_proj.weight", Tensor.zeros(DType.F32, 9, 9));
        state.put("head.weight", Tensor.zeros(DType.F32, 1));
        StateDictReport r = target.loadStateDict(state, false);
        assertArrayEquals(new float[] {5, 6}, target.outProj.bias.toFloatArray());
        assertEquals(List.of("head.weight"), r.unexpected());
        assertEquals(1, r.mismatched().size());
        assertEquals(target.stateDict().size() - 2, r.missing().size());
    }

    @Test
    void toStringShowsTheTreeShapesAndCounts() {
        String s = new Net().toString();
        assertTrue(s.startsWith("Net (66 parameters)"), s);
        assertTrue(s.contains("\n  (input_layer): Affine(in=3, out=4) weight [4, 3], bias [4], frozen_scale [1],"
                + " running_mean [4] (buffer) (17 parameters)"), s);
        assertTrue(s.contains("\n  (blocks.1): Affine(in=4, out=4)"), s);
    }

    @Test
    void bufferAnnotationOnANonTensorFieldIsRejected() {
        class Bad extends Module {
            @Buffer int count;

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Bad().namedBuffers());
        assertTrue(e.getMessage().contains("only Tensor fields can be buffers"), e.getMessage());
        assertNotSame(null, e);
    }
}
