package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.OptimizerKernels;
import org.jgrad.core.backend.OptimizerKernels.AdamStep;
import org.jgrad.core.backend.OptimizerKernels.SgdStep;
import org.jgrad.core.backend.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU's fused optimizer updates give the SIMD backend's bits: both perform the IEEE float32 operations of
 * {@link OptimizerKernels} in its order (nn's FusedUpdatesTest checks the SIMD kernels against the composite
 * optimizers). Called at the SPI, so a kernel that declined (returned false) fails too. Sizes with and without
 * a partly filled last block of threads; several steps, so that state feeds back.
 */
class CudaOptimizerKernelsTest {
    private static CudaBackend gpu;
    private static final Backend CPU = Backends.get("simd");

    @BeforeAll
    static void gpu() {
        gpu = Gpu.require();
    }

    /** Fresh random operands (parameter, gradient, state) on {@code b}; the same values on every backend. */
    private static List<Storage> operands(Backend b, int count, int size, long seed) {
        Generator gen = new Generator(seed);
        List<Storage> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NDArray a = NDArray.on(b).randn(gen, DType.F32, size);
            // second moments are non-negative
            out.add((i >= 3 ? a.mul(a) : a).storage());
        }
        return out;
    }

    private static void sameBits(String what, int size, int count, BiPredicate<OptimizerKernels, List<Storage>> step) {
        List<Storage> onCpu = operands(CPU, count, size, 42);
        List<Storage> onGpu = operands(gpu, count, size, 42);
        for (int s = 0; s < 3; s++) {
            assertTrue(step.test((OptimizerKernels) CPU, onCpu), "the SIMD backend declined " + what);
            assertTrue(step.test(gpu, onGpu), "the GPU declined " + what);
        }
        for (int i = 0; i < count; i++) {
            float[] want = (float[]) CPU.toArray(onCpu.get(i), View.contiguous(Shape.of(size)));
            float[] got = (float[]) gpu.toArray(onGpu.get(i), View.contiguous(Shape.of(size)));
            for (int j = 0; j < size; j++) {
                if (Float.floatToIntBits(want[j]) != Float.floatToIntBits(got[j])) {
                    throw new AssertionError(what + ", " + size + " elements: operand " + i + " (0 = parameter)"
                            + " element " + j + " is " + got[j] + " on the GPU, " + want[j] + " on the CPU");
                }
            }
        }
    }

    @Test
    void adamGivesTheCpuBits() {
        // AdamW-style decay with AMSGrad; Adam with L2 weight decay (bias corrections of step 3, lr 1e-3).
        AdamStep adamw = new AdamStep(1 - 1e-3 * 0.1, 0, 0.9, 0.1, 0.999, 0.001, Math.sqrt(1 - Math.pow(0.999, 3)),
                1e-8, -1e-3 / (1 - Math.pow(0.9, 3)));
        AdamStep adamL2 = new AdamStep(1, 0.01, 0.8, 0.2, 0.99, 0.01, Math.sqrt(1 - Math.pow(0.99, 3)), 1e-6,
                -1e-2 / (1 - Math.pow(0.8, 3)));
        for (int size : new int[] {1, 37, 4099}) {
            sameBits("adamw + amsgrad", size, 5,
                    (k, o) -> k.adam(o.get(0), o.get(1), o.get(2), o.get(3), o.get(4), adamw));
            sameBits("adam + l2", size, 4, (k, o) -> k.adam(o.get(0), o.get(1), o.get(2), o.get(3), null, adamL2));
        }
    }

    @Test
    void sgdGivesTheCpuBits() {
        SgdStep plain = new SgdStep(0, 0, 1, false, false, 0.1);
        SgdStep momentum = new SgdStep(0.01, 0.9, 0.9, false, false, 0.05);
        SgdStep nesterov = new SgdStep(0.001, 0.9, 1, true, false, 0.1);
        SgdStep first = new SgdStep(0, 0.9, 1, false, true, 0.1);
        for (int size : new int[] {1, 37, 4099}) {
            sameBits("sgd", size, 2, (k, o) -> k.sgd(o.get(0), o.get(1), null, plain));
            sameBits("sgd + momentum + dampening + decay", size, 3,
                    (k, o) -> k.sgd(o.get(0), o.get(1), o.get(2), momentum));
            sameBits("sgd + nesterov + decay", size, 3, (k, o) -> k.sgd(o.get(0), o.get(1), o.get(2), nesterov));
            sameBits("sgd, first momentum step", size, 3, (k, o) -> k.sgd(o.get(0), o.get(1), o.get(2), first));
        }
    }

    @Test
    void otherDtypesAreLeftToTheComposite() {
        Storage p = NDArray.on(gpu).zeros(DType.F64, 4).storage();
        assertTrue(!gpu.sgd(p, p, null, new SgdStep(0, 0, 1, false, false, 0.1)), "float64 is the composite's");
        assertTrue(Arrays.asList(gpu.getClass().getInterfaces()).contains(OptimizerKernels.class));
    }
}
