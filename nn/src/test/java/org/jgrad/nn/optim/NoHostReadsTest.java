package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.View;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

/**
 * SPI v2: a training step never reads a value back to the host (on a device backend each read waits for the
 * device). Embedding lookup, linear layer, loss, backward and an Adam/AdamW/SGD step run on a backend that
 * counts every copy to a host array (with gradient clipping by {@link GradClip#clipGradNormTensor}); only the
 * explicit {@code loss.item()} at the end may read.
 */
class NoHostReadsTest {

    /** The reference backend, counting reads back to the host. */
    static final class CountingBackend extends ReferenceBackend {
        int reads;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Object toArray(Storage src, View view) {
            reads++;
            return super.toArray(src, view);
        }
    }

    @Test
    void aTrainingStepReadsNothingBackUntilTheLossIsAskedFor() {
        for (String optimizer : List.of("Adam", "AdamW", "SGD")) {
            CountingBackend backend = new CountingBackend();
            NDArray.on(backend);
            Generator gen = new Generator(3);
            Tensor table = leaf(NDArray.on(backend).randn(gen, DType.F32, 11, 4));
            Tensor weight = leaf(NDArray.on(backend).randn(gen, DType.F32, 2, 4));
            Tensor bias = leaf(NDArray.on(backend).zeros(DType.F32, 2));
            Tensor ids = Tensor.of(NDArray.on(backend).of(new long[] {0, 3, 10, 3, 7}));
            Tensor target = Tensor.of(NDArray.on(backend).randn(gen, DType.F32, 5, 2));
            List<Tensor> params = List.of(table, weight, bias);
            Optimizer<?> opt = switch (optimizer) {
                case "Adam" -> new Adam(params, new Adam.Options().lr(1e-2));
                case "AdamW" -> new AdamW(params, new AdamW.Options().lr(1e-2));
                default -> new SGD(params, new SGD.Options(0.1));
            };
            backend.reads = 0;
            Tensor loss = null;
            for (int step = 0; step < 3; step++) {
                opt.zeroGrad();
                loss = ids.embedding(table, -1).matmul(weight.transpose(0, 1)).add(bias).mseLoss(target);
                loss.backward();
                GradClip.clipGradNormTensor(params, 1.0, 2.0);
                opt.step();
            }
            assertEquals(0, backend.reads, optimizer + ": values read back to the host during 3 training steps"
                    + " (gradient clipping included)");
            double value = loss.item();
            assertEquals(1, backend.reads, "loss.item() reads once");
            assertTrue(Double.isFinite(value), optimizer + " loss " + value);
        }
    }

    private static Tensor leaf(NDArray values) {
        return Tensor.of(values).requiresGrad(true);
    }
}
