package org.jgrad.core.cpu.determinism;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.OptimizerKernels;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.simd.SimdBackend;
import org.jgrad.core.cpu.simd.SimdMatmul;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * A program that runs the simd backend's kernels on fixed inputs and prints a SHA-256 digest of each result's
 * bits, one line per kernel: {@code DIGEST <kernel> <hex>}. {@link KernelDeterminismTest} runs it in child JVMs
 * (interpreter only, C2-compiled, 1 and 2 threads) and compares the lines.
 *
 * <p>Arguments: {@code <rounds> <suite>}. Every kernel runs {@code rounds} times (so that the C2 JVM compiles
 * the kernels before the last round, whose digests are printed; earlier rounds must give the same digests,
 * else the line says {@code UNSTABLE}). Suite {@code small} holds inputs of about a thousand elements, which
 * exercise vector bodies and scalar tails at any width but stay below the thread grains (fast enough for
 * {@code -Xint}); suite {@code all} adds inputs above the grains, which are split across threads.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp ... org.jgrad.core.cpu.determinism.KernelDigests 1 small
 * }</pre>
 */
public final class KernelDigests {
    private static final SimdBackend SIMD = new SimdBackend();

    private KernelDigests() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        boolean big = args[1].equals("all");
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            Map<String, String> now = new LinkedHashMap<>();
            run(now, 1037, 1);
            if (big) {
                run(now, 200_003, 2);
            }
            if (r == 0) {
                first = now;
            }
            last = now;
        }
        for (Map.Entry<String, String> e : last.entrySet()) {
            boolean stable = e.getValue().equals(first.get(e.getKey()));
            System.out.println("DIGEST " + e.getKey() + " " + e.getValue() + (stable ? "" : " UNSTABLE"));
        }
    }

    /** All kernels on inputs of about {@code n} elements; {@code tag} tells the two sizes apart. */
    private static void run(Map<String, String> out, int n, int tag) {
        String s = "@" + tag + " ";
        float[] x = inputs(n, 11);
        float[] y = inputs(n, 12);
        View v = View.contiguous(Shape.of(n));
        Storage xs = SIMD.fromArray(x, DType.F32);
        Storage ys = SIMD.fromArray(y, DType.F32);
        for (UnaryOp op : UnaryOp.values()) {
            if (op != UnaryOp.NOT) {
                out.put(s + "unary " + op, digest(SIMD.unary(op, xs, v), n));
            }
        }
        // A strided view (every other element): the scalar loop of each kernel.
        View strided = new View(Shape.of(n / 2), new int[] {2}, 1);
        out.put(s + "unary EXP strided", digest(SIMD.unary(UnaryOp.EXP, xs, strided), n / 2));
        for (BinaryOp op : BinaryOp.values()) {
            out.put(s + "binary " + op, digest(SIMD.binary(op, xs, v, ys, v), n));
        }
        // pow on a positive base, and with a broadcast exponent (a stride-0 operand).
        Storage base = SIMD.unary(UnaryOp.ABS, xs, v);
        out.put(s + "binary POW |x|^y", digest(SIMD.binary(BinaryOp.POW, base, v, ys, v), n));
        View scalar = View.contiguous(Shape.of(1)).expand(new int[] {n});
        Storage half = SIMD.fromArray(new float[] {0.5f}, DType.F32);
        out.put(s + "binary POW |x|^0.5", digest(SIMD.binary(BinaryOp.POW, base, v, half, scalar), n));
        Storage cond = SIMD.binary(BinaryOp.CMPLT, xs, v, ys, v);
        out.put(s + "where", digest(SIMD.where(cond, v, xs, v, ys, v), n));
        out.put(s + "cast strided", digest(SIMD.cast(xs, strided, DType.F32), n / 2));

        // Reductions: inner (dense rows), outer (dense columns), everything, and over both axes of a transpose.
        int cols = 37;
        int rows = n / cols;
        View m = View.contiguous(Shape.of(rows, cols));
        Storage finite = SIMD.fromArray(finite(n, 13), DType.F32);
        for (ReduceOp op : ReduceOp.values()) {
            out.put(s + op + " inner", digest(SIMD.reduce(op, finite, m, new int[] {1}), rows));
            out.put(s + op + " outer", digest(SIMD.reduce(op, finite, m, new int[] {0}), cols));
            out.put(s + op + " full", digest(SIMD.reduce(op, finite, v, new int[] {0}), 1));
            out.put(s + op + " transposed", digest(SIMD.reduce(op, finite, m.transpose(0, 1), new int[] {1}), cols));
        }
        out.put(s + "SUM with specials", digest(SIMD.reduce(ReduceOp.SUM, xs, v, new int[] {0}), 1));
        out.put(s + "MAX with specials", digest(SIMD.reduce(ReduceOp.MAX, xs, v, new int[] {0}), 1));

        // softmax over rows: exp(x - max) / sum, the composition a training step runs.
        Storage mx = SIMD.reduce(ReduceOp.MAX, finite, m, new int[] {1});
        View rowMax = View.contiguous(Shape.of(rows, 1)).expand(new int[] {rows, cols});
        Storage e = SIMD.unary(UnaryOp.EXP, SIMD.binary(BinaryOp.SUB, finite, m, mx, rowMax), m);
        Storage sum = SIMD.reduce(ReduceOp.SUM, e, m, new int[] {1});
        out.put(s + "softmax", digest(SIMD.binary(BinaryOp.DIV, e, m, sum, rowMax), rows * cols));
        out.put(s + "logsumexp", digest(SIMD.unary(UnaryOp.LOG, sum, View.contiguous(Shape.of(rows))), rows));

        // The fused kernels: softmax and log-softmax rows, layer normalisation, an Adam and an SGD update.
        Storage fused = SIMD.empty(DType.F32, rows * cols);
        SIMD.softmax(finite, m, 1, false, fused);
        out.put(s + "fused softmax", digest(fused, rows * cols));
        SIMD.softmax(finite, m, 1, true, fused);
        out.put(s + "fused logSoftmax", digest(fused, rows * cols));
        SIMD.layerNorm(finite, m, cols, 1e-5, fused);
        out.put(s + "fused layerNorm", digest(fused, rows * cols));
        Storage param = SIMD.fromArray(finite(n, 16), DType.F32);
        Storage grad = SIMD.fromArray(finite(n, 17), DType.F32);
        Storage m1 = SIMD.allocate(DType.F32, n);
        Storage m2 = SIMD.allocate(DType.F32, n);
        for (int step = 1; step <= 3; step++) {
            SIMD.adam(param, grad, m1, m2, null, new OptimizerKernels.AdamStep(1 - 1e-3 * 0.01, 0, 0.9, 0.1, 0.999,
                    0.001, Math.sqrt(1 - Math.pow(0.999, step)), 1e-8, -1e-3 / (1 - Math.pow(0.9, step))));
            SIMD.sgd(param, grad, m1, new OptimizerKernels.SgdStep(1e-4, 0.9, 1, true, false, 0.1));
        }
        out.put(s + "fused adam + sgd", digest(param, n));

        // Matrix products, every variant available at this width, plain and with a transposed operand.
        int mm = tag == 1 ? 23 : 160;
        int kk = tag == 1 ? 45 : 200;
        int nn = tag == 1 ? 39 : 170;
        float[] a = finite(mm * kk, 14);
        float[] b = finite(kk * nn, 15);
        View va = View.contiguous(Shape.of(mm, kk));
        View vb = View.contiguous(Shape.of(kk, nn));
        View vbt = View.contiguous(Shape.of(nn, kk)).transpose(0, 1);
        for (SimdMatmul.Variant variant : SimdMatmul.Variant.values()) {
            if (variant.available()) {
                float[] c = new float[mm * nn];
                SimdMatmul.matmul(variant, a, va, b, vb, c);
                out.put(s + "matmul " + variant, digest(c));
                float[] ct = new float[mm * nn];
                SimdMatmul.matmul(variant, a, va, b, vbt, ct);
                out.put(s + "matmul " + variant + " b^T", digest(ct));
            }
        }
    }

    /** Gaussian values of scale 3, with NaN, infinities, signed zeros, subnormals and overflowing values mixed in. */
    private static float[] inputs(int n, long seed) {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f,
            Float.MIN_VALUE, -1e-40f, Float.MIN_NORMAL, 88.72f, 89f, -104f, 1e30f, -1e30f, 0.999f, 4.5f};
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 50 == 7 ? specials[(i / 50) % specials.length] : (float) (rnd.nextGaussian() * 3);
        }
        return x;
    }

    private static float[] finite(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static String digest(Storage s, int n) {
        Object data = SIMD.toArray(s, View.contiguous(Shape.of(n)));
        if (data instanceof boolean[] bools) {
            float[] f = new float[bools.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = bools[i] ? 1 : 0;
            }
            return digest(f);
        }
        if (data instanceof long[] longs) {
            float[] f = new float[longs.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = longs[i];
            }
            return digest(f);
        }
        return digest((float[]) data);
    }

    /**
     * SHA-256 of the bits, every NaN counted as the canonical one: NaN payloads and signs are not part of the
     * contract (x86 returns one operand's NaN, and C2 may swap the operands of a commutative add, so a sum
     * of {@code +inf}, {@code -inf} and NaN gives NaNs of either sign).
     */
    static String digest(float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length);
        for (float f : values) {
            buf.putInt(Float.floatToIntBits(f));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
