package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.BatchNorm1d;
import org.jgrad.nn.layers.Dropout;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training steps run inside {@link MemoryScope}s: the same bits as without scopes (optimizer state, gradients
 * and running statistics survive the scopes), and after the first steps every array a step needs comes from
 * the backend's pool instead of a fresh allocation.
 */
class ScopedTrainingTest {
    private static final int STEPS = 12;
    private static final int WARM_UP = 3;

    private record Run(List<float[]> params, long arraysCreatedAfterWarmUp) {
    }

    private static Run train(String optimizer, boolean scoped) {
        Generator gen = new Generator(7);
        Module net = new Sequential(new Linear(16, 32, gen), new BatchNorm1d(32), new ReLU(), new Dropout(0.2, gen),
                new Linear(32, 1, gen));
        Function<List<Tensor>, Optimizer<?>> make = switch (optimizer) {
            case "adam" -> p -> new Adam(p, new Adam.Options());
            case "adamw" -> p -> new AdamW(p, new AdamW.Options());
            default -> p -> new SGD(p, new SGD.Options(0.05).momentum(0.9));
        };
        Optimizer<?> opt = make.apply(net.parameters());
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 24, 16));
        Tensor y = Tensor.of(NDArray.randn(gen, DType.F32, 24, 1));
        ReferenceBackend backend = (ReferenceBackend) x.backend();
        long createdAtWarmUp = 0;
        for (int step = 0; step < STEPS; step++) {
            if (step == WARM_UP) {
                createdAtWarmUp = backend.pool().counts()[1];
            }
            MemoryScope scope = scoped ? MemoryScope.open() : null;
            try {
                Tensor loss = net.forward(x).mseLoss(y);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
        List<float[]> params = net.parameters().stream().map(p -> p.data().toFloatArray()).toList();
        return new Run(params, backend.pool().counts()[1] - createdAtWarmUp);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw"})
    void scopedStepsGiveTheSameBitsAndReuseMemory(String optimizer) {
        Run plain = train(optimizer, false);
        Run scoped = train(optimizer, true);
        for (int i = 0; i < plain.params().size(); i++) {
            assertArrayEquals(plain.params().get(i), scoped.params().get(i), "parameter " + i);
        }
        assertTrue(plain.arraysCreatedAfterWarmUp() > 0, "without scopes every step makes new arrays");
        assertEquals(0, scoped.arraysCreatedAfterWarmUp(), "scoped steps after warm-up take all arrays from the pool");
    }

    /** Gradients accumulated over two micro-batches, each backward in its own scope, survive both scopes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsAccumulateAcrossScopes(boolean scoped) {
        Generator gen = new Generator(3);
        Linear net = new Linear(8, 4, gen);
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 6, 8));
        float[] expected = null;
        for (int pass = 0; pass < 2; pass++) {
            net.zeroGrad();
            for (int half = 0; half < 2; half++) {
                try (MemoryScope micro = pass == 1 && scoped ? MemoryScope.open() : null) {
                    net.forward(x.narrow(0, 3 * half, 3)).sum().backward();
                }
            }
            float[] grad = net.parameters().get(0).grad().data().toFloatArray();
            if (pass == 0) {
                expected = grad;
            } else {
                assertArrayEquals(expected, grad);
            }
        }
    }
}
