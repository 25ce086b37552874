package org.jgrad.core;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.OutOfMemory;

/**
 * Makes new arrays on one backend. Values that are computed here (arange, linspace, random samples)
 * are computed in float64 in Java and then handed to the backend, so every backend gets identical
 * numbers for identical arguments.
 *
 * <pre>{@code
 * Creation ref = NDArray.on(Backends.get("reference"));
 * NDArray i = ref.eye(3, 3, DType.F64);
 * NDArray r = ref.randn(new Generator(7), DType.F32, 2, 5);
 * }</pre>
 */
public final class Creation {
    private final Backend backend;

    Creation(Backend backend) {
        this.backend = backend;
    }

    public NDArray zeros(DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        return NDArray.dense(OutOfMemory.allocate(backend, "zeros", dtype, s), s);
    }

    public NDArray ones(DType dtype, int... shape) {
        return full(1, dtype, shape);
    }

    public NDArray full(double value, DType dtype, int... shape) {
        NDArray out = zeros(dtype, shape);
        if (value != 0) {
            backend.fill(out.storage(), out.view(), value);
        }
        return out;
    }

    public NDArray scalar(double value, DType dtype) {
        return full(value, dtype);
    }

    /** Copies a (nested) Java array of any rank; {@code float[][]} gives F32 of shape [rows, cols]. */
    public NDArray of(Object javaArray) {
        JavaArrays.Flat flat = JavaArrays.flatten(javaArray);
        return NDArray.dense(backend.adoptArray(flat.data(), flat.dtype()), flat.shape());   // a fresh flat copy
    }

    /** A flat Java array of this dtype's element type, viewed with {@code shape}. */
    public NDArray of(Object flatArray, DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        int n = java.lang.reflect.Array.getLength(flatArray);
        if (n != s.numel()) {
            throw new IllegalArgumentException("fromArray: " + n + " values cannot fill shape " + s + " ("
                    + s.numel() + " elements)");
        }
        return NDArray.dense(backend.fromArray(flatArray, dtype), s);
    }

    public NDArray arange(double start, double end, double step, DType dtype) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        if ((end - start) / step < 0) {
            throw new IllegalArgumentException("arange: start " + start + " and end " + end
                    + " are inconsistent with the sign of step " + step);
        }
        long n = (long) Math.ceil((end - start) / step);
        int[] i = {0};
        return generate(dtype, Shape.of(n), () -> start + i[0]++ * step);
    }

    public NDArray linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be >= 0, got " + steps);
        }
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        int[] next = {0};
        return generate(dtype, Shape.of(steps), () -> {
            int i = next[0]++;
            // Fill from both ends, as PyTorch does, so the last value is exactly end.
            return steps == 1 ? start : i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step;
        });
    }

    public NDArray eye(int n, int m, DType dtype) {
        NDArray out = zeros(dtype, n, m);
        int diag = Math.min(n, m);
        // The diagonal is a strided view of stride m + 1 into the dense storage.
        View d = new View(Shape.of(diag), new int[] {m + 1}, 0);
        backend.fill(out.storage(), d, 1);
        return out;
    }

    /** Uniform samples in {@code [0, 1)}. */
    public NDArray rand(Generator gen, DType dtype, int... shape) {
        return uniform(gen, 0, 1, dtype, shape);
    }

    /** Uniform samples in {@code [low, high)}. */
    public NDArray uniform(Generator gen, double low, double high, DType dtype, int... shape) {
        return generate(floating("uniform", dtype), Shape.of(shape), () -> low + (high - low) * gen.nextDouble());
    }

    /** Standard normal samples. */
    public NDArray randn(Generator gen, DType dtype, int... shape) {
        return normal(gen, 0, 1, dtype, shape);
    }

    /** Normal samples with the given mean and standard deviation. */
    public NDArray normal(Generator gen, double mean, double std, DType dtype, int... shape) {
        return generate(floating("normal", dtype), Shape.of(shape), () -> mean + std * gen.nextGaussian());
    }

    /** 1 with probability {@code p}, else 0, in the given dtype (BOOL allowed). */
    public NDArray bernoulli(Generator gen, double p, DType dtype, int... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability must be in [0, 1], got " + p);
        }
        Shape s = Shape.of(shape);
        if (dtype == DType.F32) {
            // Dropout's masks, every step: a loop the JIT inlines the generator into, without a branch (a random
            // one mispredicts often). The same draws and results as generate's nextDouble() < p: nextDouble is
            // k * 2^-53 for k = nextLong() >>> 11, and k * 2^-53 < p exactly when k < ceil(p * 2^53).
            long threshold = (long) Math.ceil(p * 0x1p53);
            float[] mask = new float[s.numel()];
            for (int i = 0; i < mask.length; i++) {
                long k = gen.nextLong() >>> 11;
                mask[i] = (float) ((k - threshold) >>> 63);   // 1 when k < threshold (no overflow: both < 2^54)
            }
            return NDArray.dense(backend.adoptArray(mask, dtype), s);
        }
        return generate(dtype, s, () -> gen.nextDouble() < p ? 1 : 0);
    }

    private static DType floating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating dtype (F32 or F64) but got " + dtype);
        }
        return dtype;
    }

    /**
     * Draws {@code shape.numel()} float64 values in row-major order and stores each converted to {@code dtype}
     * (rounded to float, truncated to an integer, non-zero as true), straight into that dtype's array.
     */
    private NDArray generate(DType dtype, Shape shape, java.util.function.DoubleSupplier next) {
        int n = shape.numel();
        Object values = switch (dtype) {
            case F32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) next.getAsDouble();
                }
                yield a;
            }
            case F64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = next.getAsDouble();
                }
                yield a;
            }
            case I32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) next.getAsDouble();
                }
                yield a;
            }
            case I64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (long) next.getAsDouble();
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = next.getAsDouble() != 0;
                }
                yield a;
            }
        };
        return NDArray.dense(backend.adoptArray(values, dtype), shape);
    }
}
