package org.jgrad.core;

import org.jgrad.core.backend.Backend;

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
        return NDArray.dense(backend.allocate(dtype, s.numel()), s);
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
        return NDArray.dense(backend.fromArray(flat.data(), flat.dtype()), flat.shape());
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
        Shape s = Shape.of(n);
        double[] values = new double[s.numel()];
        for (int i = 0; i < values.length; i++) {
            values[i] = start + i * step;
        }
        return fromDoubles(values, dtype, s);
    }

    public NDArray linspace(double start, double end, int steps, DType dtype) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be >= 0, got " + steps);
        }
        double[] values = new double[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        for (int i = 0; i < steps; i++) {
            // Fill from both ends, as PyTorch does, so the last value is exactly end.
            values[i] = steps == 1 ? start : i < steps / 2 ? start + i * step : end - (steps - 1 - i) * step;
        }
        return fromDoubles(values, dtype, Shape.of(steps));
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
        Shape s = Shape.of(shape);
        double[] values = new double[s.numel()];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * gen.nextDouble();
        }
        return fromDoubles(values, floating("uniform", dtype), s);
    }

    /** Standard normal samples. */
    public NDArray randn(Generator gen, DType dtype, int... shape) {
        return normal(gen, 0, 1, dtype, shape);
    }

    /** Normal samples with the given mean and standard deviation. */
    public NDArray normal(Generator gen, double mean, double std, DType dtype, int... shape) {
        Shape s = Shape.of(shape);
        double[] values = new double[s.numel()];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * gen.nextGaussian();
        }
        return fromDoubles(values, floating("normal", dtype), s);
    }

    /** 1 with probability {@code p}, else 0, in the given dtype (BOOL allowed). */
    public NDArray bernoulli(Generator gen, double p, DType dtype, int... shape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: probability must be in [0, 1], got " + p);
        }
        Shape s = Shape.of(shape);
        double[] values = new double[s.numel()];
        for (int i = 0; i < values.length; i++) {
            values[i] = gen.nextDouble() < p ? 1 : 0;
        }
        return fromDoubles(values, dtype, s);
    }

    private static DType floating(String op, DType dtype) {
        if (!dtype.isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating dtype (F32 or F64) but got " + dtype);
        }
        return dtype;
    }

    private NDArray fromDoubles(double[] values, DType dtype, Shape shape) {
        NDArray f64 = NDArray.dense(backend.fromArray(values, DType.F64), shape);
        return f64.to(dtype);
    }
}
