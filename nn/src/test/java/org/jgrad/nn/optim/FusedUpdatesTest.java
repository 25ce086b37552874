package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.OptimizerKernels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused optimizer kernels ({@link OptimizerKernels}) against their composite definitions: the same
 * parameters and state, bit for bit, over several steps, for every option that changes the formula, on
 * sizes with and without a vector tail. Exact equality is the contract (same float operations, same order).
 */
class FusedUpdatesTest {

    @AfterEach
    void restore() {
        FusedUpdates.enabled = true;
    }

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        List<Function<List<Tensor>, Optimizer<?>>> makers = List.of(
                p -> new Adam(p, new Adam.Options()),
                p -> new Adam(p, new Adam.Options().weightDecay(0.01)),
                p -> new Adam(p, new Adam.Options().amsgrad(true).betas(0.9, 0.9)),
                p -> new AdamW(p, new AdamW.Options()),
                p -> new AdamW(p, new AdamW.Options().weightDecay(0.1).amsgrad(true)),
                p -> new SGD(p, new SGD.Options(0.1)),
                p -> new SGD(p, new SGD.Options(0.1).weightDecay(0.01)),
                p -> new SGD(p, new SGD.Options(0.1).momentum(0.9).dampening(0.1)),
                p -> new SGD(p, new SGD.Options(0.1).momentum(0.9).nesterov(true).weightDecay(0.001)));
        String[] names = {"adam", "adam+l2", "adam+amsgrad", "adamw", "adamw+decay+amsgrad", "sgd", "sgd+decay",
            "sgd+momentum+dampening", "sgd+nesterov+decay"};
        for (int i = 0; i < makers.size(); i++) {
            for (int size : new int[] {1, 37, 4099}) {
                out.add(Arguments.of(names[i], size, makers.get(i)));
            }
        }
        return out.stream();
    }

    private static List<float[]> run(boolean fused, int size, Function<List<Tensor>, Optimizer<?>> make) {
        FusedUpdates.enabled = fused;
        Generator gen = new Generator(size);
        Tensor p = Tensor.of(NDArray.randn(gen, DType.F32, size)).requiresGrad(true);
        Optimizer<?> opt = make.apply(List.of(p));
        for (int step = 0; step < 4; step++) {
            opt.zeroGrad();
            // loss = sum(p * r): the gradient is r, random each step
            p.mul(Tensor.of(NDArray.randn(gen, DType.F32, size))).sum().backward();
            opt.step();
        }
        List<float[]> out = new ArrayList<>();
        out.add(p.data().toFloatArray());
        try (var noGrad = GradMode.noGrad()) {
            Map<String, Tensor> state = opt.stateDict().tensors();
            state.keySet().stream().sorted().forEach(k -> out.add(state.get(k).data().toFloatArray()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, {1} elements")
    @MethodSource("configs")
    void fusedEqualsComposite(String name, int size, Function<List<Tensor>, Optimizer<?>> make) {
        List<float[]> composite = run(false, size, make);
        List<float[]> fused = run(true, size, make);
        assertTrue(composite.size() >= 1);
        for (int i = 0; i < composite.size(); i++) {
            assertArrayEquals(composite.get(i), fused.get(i), name + ": tensor " + i + " (0 = parameter, then state)");
        }
    }
}
