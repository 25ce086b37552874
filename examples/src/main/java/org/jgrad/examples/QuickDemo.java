package org.jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.util.Locale;
import org.jgrad.core.Creation;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;

/**
 * The README's first command: builds a few tensors, shows views and broadcasting, then multiplies
 * matrices on both CPU backends, checks they agree and prints rough GFLOP/s (wall-clock, best of a few
 * runs; {@code ./jgrad bench} gives the JMH figures).
 *
 * <p>Run: {@code ./jgrad demo} (optionally {@code ./jgrad demo 256 512 1024} for other sizes).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Tensors, views and broadcasting, then matrix products on both CPU backends in GFLOP/s.")
public final class QuickDemo implements Callable<Integer> {
    private QuickDemo() {
    }

    @Parameters(paramLabel = "N", description = "matrix sizes to multiply (default: 128 256 512 1024)")
    int[] sizes = {128, 256, 512, 1024};

    public static void main(String[] args) {
        System.exit(Cli.run(new QuickDemo(), args));
    }

    @Override
    public Integer call() {
        for (int n : sizes) {
            if (n < 1 || n > 8192) {
                throw new CommandLine.ParameterException(new CommandLine(this), "matrix sizes must be in [1, 8192],"
                        + " got " + n);
            }
        }
        Backend reference = Backends.get("reference");
        Backend fast = Backends.defaultBackend();
        System.out.println("jgrad backends here: " + Backends.names() + " (default: " + fast.name() + ")");

        Creation on = NDArray.on(fast);
        NDArray a = on.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        NDArray col = on.arange(0, 2, 1, DType.F32).reshape(2, 1);
        System.out.println("\na =\n" + a);
        System.out.println("a.transpose(0, 1) is a view, no copy:\n" + a.transpose(0, 1));
        System.out.println("a + [[0], [1]] broadcasts:\n" + a.add(col));
        System.out.println("a @ a.T =\n" + a.matmul(a.transpose(0, 1)));
        System.out.println("sum over dim 1, keepdim:\n" + a.sum(new int[] {1}, true));

        System.out.println("\nfloat32 matmul, n x n times n x n (wall clock, best of several runs):");
        System.out.printf(Locale.ROOT, "%6s  %14s  %14s  %12s%n", "n", reference.name() + " GFLOP/s",
                fast.name() + " GFLOP/s", "max |diff|");
        Generator gen = new Generator(2024);
        for (int n : sizes) {
            NDArray x = NDArray.on(reference).randn(gen, DType.F32, n, n);
            NDArray y = NDArray.on(reference).randn(gen, DType.F32, n, n);
            NDArray xf = x.to(fast);
            NDArray yf = y.to(fast);
            double fastRate = gflops(n, () -> xf.matmul(yf));
            // The scalar reference is the readable spec, not a fast path: time it only where it takes seconds.
            boolean timeReference = n <= 512;
            double refRate = timeReference ? gflops(n, () -> x.matmul(y)) : Double.NaN;
            NDArray expected = x.to(DType.F64).matmul(y.to(DType.F64));
            double maxDiff = xf.matmul(yf).to(reference).to(DType.F64).sub(expected).abs().max().item();
            System.out.printf(Locale.ROOT, "%6d  %14s  %14.1f  %12.2e%n", n,
                    timeReference ? String.format(Locale.ROOT, "%.2f", refRate) : "(skipped)", fastRate, maxDiff);
        }
        System.out.println("\nmax |diff| is against a float64 product; float32 rounding gives about "
                + "sqrt(n) * 6e-8 * |terms|.");
        return 0;
    }

    /** Best-of-runs rate: warm the JIT for about a second, then keep the fastest of several timed runs. */
    private static double gflops(int n, Runnable matmul) {
        double flops = 2.0 * n * n * n;
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        int runs = 0;
        long best = Long.MAX_VALUE;
        while (runs < 3 || (System.nanoTime() < warmUntil && runs < 50)) {
            long t0 = System.nanoTime();
            matmul.run();
            best = Math.min(best, System.nanoTime() - t0);
            runs++;
        }
        return flops / best;
    }
}
