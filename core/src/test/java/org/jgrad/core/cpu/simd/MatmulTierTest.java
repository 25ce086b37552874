package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.simd.SimdMatmul.Variant;
import org.junit.jupiter.api.Test;

/**
 * Same bits in every JIT tier: the matmul kernels give identical results compiled by C2 (this JVM, after a
 * warm-up) and in the interpreter ({@code -Xint} child JVM), where the Vector API runs its Java fallback.
 * This is what rules out {@code reduceLanes(ADD)}: its fallback adds lanes in order, C2's intrinsic as a
 * tree, so results changed with warm-up.
 */
class MatmulTierTest {
    /** Products covering each variant's paths: DOT tiles and leftover columns, PACKED edges and KC blocks, ROWS. */
    private static final int[][] PRODUCTS = {
        // m, k, n, B transposed (1) or not (0)
        {5, 300, 70, 1},
        {1, 77, 9, 1},
        {37, 300, 45, 0},
        {21, 260, 50, 1},
        {8, 40, 50, 0},
        {20, 100, 3, 0},
    };

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws IOException, InterruptedException {
        // Width 0 runs no vector code, which is what differs between tiers; the scalar loops are slow here.
        assumeFalse(SimdWidth.SCALAR, "no vectors at width 0");
        // Warm up so that the kernels' loops run C2 code here (each call also OSR-compiles the long loops).
        for (int i = 0; i < 300; i++) {
            fingerprints();
        }
        List<String> compiled = fingerprints();
        List<String> interpreted = childJvm("-Xint");
        assertEquals(String.join("\n", compiled), String.join("\n", interpreted));
    }

    /** One line per product and variant: its name and a hash of the result's bits. */
    static List<String> fingerprints() {
        List<String> lines = new ArrayList<>();
        for (int[] p : PRODUCTS) {
            Random rnd = new Random(p[0] * 1_000_003L + p[1] * 1009L + p[2]);
            int m = p[0];
            int k = p[1];
            int n = p[2];
            View va = View.contiguous(Shape.of(m, k));
            View vb = p[3] == 1 ? View.contiguous(Shape.of(n, k)).transpose(0, 1) : View.contiguous(Shape.of(k, n));
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextFloat() * 2 - 1;
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = rnd.nextFloat() * 2 - 1;
            }
            for (Variant v : Variant.values()) {
                if (!v.available()) {
                    continue;
                }
                float[] out = new float[m * n];
                SimdMatmul.matmul(v, a, va, b, vb, out, 1);
                int[] bits = new int[out.length];
                for (int i = 0; i < out.length; i++) {
                    bits[i] = Float.floatToRawIntBits(out[i]);
                }
                lines.add(m + "x" + k + "x" + n + (p[3] == 1 ? "nt " : "nn ") + v + " " + java.util.Arrays.hashCode(bits));
            }
        }
        return lines;
    }

    /** Runs {@link #main} in a new JVM with this one's classpath and vector width plus {@code option}. */
    private static List<String> childJvm(String option) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", option,
                "-D" + VectorSupport.WIDTH_PROPERTY + "=" + SimdWidth.BITS, "-Djgrad.threads=1",
                "-cp", System.getProperty("java.class.path"), MatmulTierTest.class.getName()));
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(5, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            throw new AssertionError("child JVM " + cmd + " failed:\n" + output);
        }
        return output.lines().filter(l -> !l.startsWith("WARNING")).toList();
    }

    /** The child JVM's side: prints {@link #fingerprints()}. */
    public static void main(String[] args) {
        fingerprints().forEach(System.out::println);
    }
}
