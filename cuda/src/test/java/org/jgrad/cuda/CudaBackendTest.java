package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.ops.BinaryOp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A quick check of the GPU backend against the float64 reference on the layouts and sizes that take each
 * kernel's other paths (views, chunked reductions, matrix tiles with edges). The full differential suites of
 * the testkit run on the GPU too ({@code -Djgrad.testkit.backend=cuda}); this one gives a first signal.
 * Skipped without a GPU.
 */
class CudaBackendTest {
    private static CudaBackend gpu;
    private static final Backend REF = Backends.get("reference");

    @BeforeAll
    static void gpu() {
        gpu = Gpu.require();
    }

    private static NDArray random(Backend b, long seed, int... shape) {
        return NDArray.on(b).randn(new Generator(seed), DType.F32, shape);
    }

    /** Float32 on the GPU vs float64 on the reference: {@code tol} relative to the largest |value|. */
    private static void agrees(String what, UnaryOperator<NDArray> op, double tol, int... shape) {
        NDArray onGpu = op.apply(random(gpu, 7, shape));
        NDArray onRef = op.apply(random(REF, 7, shape).to(DType.F64));
        double[] g = (double[]) onGpu.to(DType.F64).toArray();
        double[] r = (double[]) onRef.to(DType.F64).toArray();
        assertArrayEquals(onRef.shape().toArray(), onGpu.shape().toArray(), what);
        double scale = 1e-30;
        for (double v : r) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < r.length; i++) {
            if (Math.abs(g[i] - r[i]) > tol * scale || Double.isNaN(g[i]) != Double.isNaN(r[i])) {
                throw new AssertionError(what + ": element " + i + " is " + g[i] + " on the GPU, " + r[i]
                        + " on the reference (tolerance " + tol + " x " + scale + ")");
            }
        }
    }

    // float32 rounding: a few ulps (2^-24 ~ 6e-8) per elementwise op; sums and products of n terms grow like
    // n u, so 1e-5 of the largest value covers n up to ~100 with margin and 1e-4 the long sums below.
    @Test
    void elementwiseOnViews() {
        agrees("exp of a transpose", x -> x.transpose(0, 1).exp(), 1e-6, 37, 53);
        agrees("sigmoid", NDArray::sigmoid, 1e-6, 1000);
        agrees("broadcast add", x -> x.add(x.slice(0, 0, 1, 1)), 1e-6, 33, 17);
        agrees("where", x -> NDArray.where(x.lt(x.neg()), x, x.mul(x)), 1e-6, 129);
        agrees("flip and tanh", x -> x.flip(1).tanh(), 1e-6, 9, 300);
    }

    /**
     * Dense operands long enough for the elementwise kernels' four-element rounds (more than three grid-strides
     * of elements: the launch caps the grid at 32 blocks of 256 per multiprocessor), with a tail after them; and
     * an integer error found in the last round names its element.
     */
    @Test
    void denseElementwiseRounds() {
        int stride = 256 * 32 * gpu.device().multiprocessors();
        int n = 4 * stride + 777;
        agrees("add of dense runs", x -> x.add(x.mul(x)), 1e-6, n);
        agrees("exp of a dense run", NDArray::exp, 1e-6, n);
        agrees("scalar product of a dense run", x -> x.mul(3.0), 1e-6, n);
        long[] exponents = new long[n];
        int bad = 3 * stride + 5;
        exponents[bad] = -1;
        NDArray base = NDArray.on(gpu).of(new long[n], DType.I64, n).add(2L);
        NDArray e = NDArray.on(gpu).of(exponents, DType.I64, n);
        Storage power = gpu.binary(BinaryOp.POW, base.storage(), base.view(), e.storage(),
                e.view());
        String message = assertThrows(ArithmeticException.class, () -> gpu.toArray(power, e.view())).getMessage();
        assertEquals("pow: integers to negative integer powers are not allowed (element " + bad
                + " has a negative exponent)", message);
    }

    /** Arguments live in one block per thread: a launch put together inside another's is refused, not garbled. */
    @Test
    void launchesArePutTogetherOneAtATime() {
        Storage out = gpu.empty(DType.F32, 4);
        Launch outer = Launch.of(gpu.device(), KernelNames.fill(DType.F32)).ints(4);
        gpu.fill(out, org.jgrad.core.View.contiguous(org.jgrad.core.Shape.of(4)), 1.5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> outer.run(1, 1, 1, 32, 0, "test"));
        assertEquals("cuda: another launch was put together on this thread while fill_f32's was (test)",
                e.getMessage());
        assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f},
                (float[]) gpu.toArray(out, org.jgrad.core.View.contiguous(org.jgrad.core.Shape.of(4))));
    }

    /**
     * A thread that has not used the GPU before can: each call makes the context current on its thread before
     * any driver call (the emulator refuses calls without one, as the driver does).
     */
    @Test
    void aFreshThreadCanUseTheGpu() throws Exception {
        NDArray x = NDArray.on(gpu).of(new float[] {0, 1}, DType.F32, 2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // First a launch into existing memory (no allocation before it), as an optimizer step would do.
            float[] got = pool.submit(() -> {
                gpu.fill(x.storage(), x.view(), 0.5);
                return (float[]) x.exp().toArray();
            }).get();
            assertArrayEquals(new float[] {(float) Math.exp(0.5), (float) Math.exp(0.5)}, got, 1e-6f);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void reductions() {
        agrees("sum of rows", x -> x.sum(new int[] {1}, true), 1e-5, 300, 77);
        agrees("sum of columns", x -> x.sum(new int[] {0}, false), 1e-5, 300, 77);
        agrees("long chunked sum", x -> x.sum(), 1e-4, 1 << 20);
        agrees("max of a permuted view", x -> x.permute(2, 0, 1).max(new int[] {0, 2}, false), 0, 6, 7, 8);
        agrees("argmax", x -> x.argmax(1, false).to(DType.F32), 0, 50, 333);
    }

    @Test
    void matrixProducts() {
        agrees("matmul with edges", x -> x.matmul(x.transpose(0, 1)), 1e-5, 130, 70);
        agrees("batched matmul", x -> x.matmul(x.transpose(1, 2)), 1e-5, 3, 65, 31);
    }

    /**
     * Products big enough for the 128 x 128 tile kernels (their tiles alone fill every multiprocessor of a large GPU),
     * with rows that allow float4 loads (K = 300) and rows that do not (K = 301, odd leading dimensions).
     */
    @Test
    void largeMatrixProducts() {
        for (int k : new int[] {300, 301}) {
            int kk = k;
            agrees("matmul 2000 x " + k + " x 1500", x -> x.slice(1, 0, kk, 1).matmul(
                    NDArray.on(x.backend()).randn(new Generator(5), DType.F32, kk, 1500).to(x.dtype())), 1e-5, 2000, 301);
        }
    }

    /**
     * Every SGEMM kernel gives the bits of the 64 x 64 tile kernel (one fma chain per element, k in order) on
     * edges, batches, K not a multiple of 4 (no float4 loads), misaligned views and a transposed operand; and
     * that kernel agrees with the float64 reference (1e-5 of the largest value: K <= 70 float32 terms).
     */
    @Test
    void everyGemmKernelGivesTheSameBits() {
        GemmKernel before = gpu.gemm();
        int[][] shapes = {{1, 130, 37, 257}, {3, 129, 64, 131}, {2, 300, 17, 260}, {1, 256, 70, 256}};
        try {
            for (int[] s : shapes) {
                int k = s[2];
                UnaryOperator<NDArray> product = x -> x.slice(2, 1, k + 1, 1).matmul(
                        NDArray.on(x.backend()).randn(new Generator(9), DType.F32, s[0], s[3], k).to(x.dtype())
                                .transpose(1, 2));
                String what = "matmul " + java.util.Arrays.toString(s);
                gpu.useGemm(GemmKernel.TILE64);
                agrees(what, product, 1e-5, s[0], s[1], k + 1);
                float[] want = (float[]) product.apply(random(gpu, 7, s[0], s[1], k + 1)).toArray();
                for (GemmKernel kernel : GemmKernel.values()) {
                    gpu.useGemm(kernel);
                    float[] got = (float[]) product.apply(random(gpu, 7, s[0], s[1], k + 1)).toArray();
                    for (int i = 0; i < want.length; i++) {
                        if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
                            throw new AssertionError(kernel + ", " + what + ": element " + i + " is " + got[i]
                                    + ", the 64 x 64 tile kernel gives " + want[i]);
                        }
                    }
                }
            }
        } finally {
            gpu.useGemm(before);
        }
    }

    @Test
    void indexing() {
        NDArray idx = NDArray.on(gpu).of(new long[] {3, 0, 3, 1}, DType.I64, 4);
        NDArray idxRef = NDArray.on(REF).of(new long[] {3, 0, 3, 1}, DType.I64, 4);
        NDArray x = random(gpu, 3, 5, 6);
        NDArray xr = random(REF, 3, 5, 6);
        assertArrayEquals((float[]) xr.indexSelect(0, idxRef).toArray(), (float[]) x.indexSelect(0, idx).toArray());
        NDArray bad = NDArray.on(gpu).of(new long[] {3, 0, 5, 1}, DType.I64, 4);
        NDArray badRef = NDArray.on(REF).of(new long[] {3, 0, 5, 1}, DType.I64, 4);
        String expected = assertThrows(IndexOutOfBoundsException.class, () -> xr.indexSelect(0, badRef)).getMessage();
        // Checked on the device: reported at the next read, with the CPU's message.
        NDArray selected = x.indexSelect(0, bad);
        assertEquals(expected, assertThrows(IndexOutOfBoundsException.class, selected::toArray).getMessage());
    }

    /**
     * A bad index is reported at the next read of any value, once, naming the earliest failed op and its bad
     * value, even when the index array was released before the read (the backend keeps it until then).
     */
    @Test
    void deviceErrorsSurfaceAtTheNextReadOnce() {
        NDArray x = random(gpu, 3, 4, 6);
        NDArray bad = NDArray.on(gpu).of(new long[] {0, 9, 2}, DType.I64, 3);
        NDArray worse = NDArray.on(gpu).of(new long[] {-4, 1}, DType.I64, 2);
        NDArray first = x.indexSelect(1, bad);
        x.indexSelect(0, worse);
        gpu.release(bad.storage());
        NDArray unrelated = x.exp();
        String message = assertThrows(IndexOutOfBoundsException.class, unrelated::toArray).getMessage();
        String expected = assertThrows(IndexOutOfBoundsException.class, () -> random(REF, 3, 4, 6)
                .indexSelect(1, NDArray.on(REF).of(new long[] {0, 9, 2}, DType.I64, 3))).getMessage();
        assertEquals(expected, message);
        assertEquals(4 * 3, ((float[]) first.toArray()).length, "the error is thrown once, then reads go on");
        assertThrows(IllegalStateException.class, () -> gpu.toArray(bad.storage(), bad.view()),
                "the released index is released after the read");
    }

    @Test
    void integerDivisionByZeroIsAnError() {
        // The front end divides integers in float (true division); the SPI's integer DIV is for floor-free cases.
        NDArray a = NDArray.on(gpu).of(new long[] {4, 5}, DType.I64, 2);
        NDArray b = NDArray.on(gpu).of(new long[] {2, 0}, DType.I64, 2);
        Storage quotient = gpu.binary(BinaryOp.DIV, a.storage(), a.view(), b.storage(),
                b.view());
        String message = assertThrows(ArithmeticException.class, () -> gpu.toArray(quotient, a.view())).getMessage();
        assertEquals("div: integer division by zero", message);
    }
}
