package org.jgrad.testkit;

import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.Shape;

/**
 * {@link HostReference}s of creation ops, following the PyTorch definitions. Random ops draw from the
 * same documented {@link Generator} sequence (SplitMix64) and apply the documented transforms.
 */
public final class HostCreation {
    private HostCreation() {
    }

    /** zeros / ones / full / scalar, by "form", with "shape" and "value". */
    public static HostReference full() {
        return (s, t) -> {
            String form = s.text("form");
            Shape shape = form.equals("scalar") ? Shape.scalar() : Shape.of(s.ints("shape"));
            double value = switch (form) {
                case "zeros" -> 0;
                case "ones" -> 1;
                default -> s.number("value");
            };
            double[] v = new double[shape.numel()];
            java.util.Arrays.fill(v, value);
            return List.of(Expected.of(new TensorData(shape, v), t));
        };
    }

    /** eye with "n", "m": ones on the main diagonal. */
    public static HostReference eye() {
        return (s, t) -> {
            int n = s.integer("n");
            int m = s.integer("m");
            double[] v = new double[n * m];
            for (int i = 0; i < Math.min(n, m); i++) {
                v[i * m + i] = 1;
            }
            return List.of(Expected.of(new TensorData(Shape.of(n, m), v), t));
        };
    }

    /** arange with "start", "end", "step": ceil((end - start) / step) values start + i * step. */
    public static HostReference arange() {
        return (s, t) -> {
            double start = s.number("start");
            double end = s.number("end");
            double step = s.number("step");
            if (step == 0 || (end - start) / step < 0) {
                throw new IllegalArgumentException("arange: inconsistent arguments");
            }
            int n = (int) Math.ceil((end - start) / step);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = start + i * step;
            }
            return List.of(Expected.of(new TensorData(Shape.of(n), v), t));
        };
    }

    /**
     * linspace with "start", "end", "steps": {@code steps} values from start to end inclusive; one step gives
     * {@code [start]} (as {@code torch.linspace(2, 5, 1)} gives {@code tensor([2.])}).
     */
    public static HostReference linspace() {
        return (s, t) -> {
            double start = s.number("start");
            double end = s.number("end");
            int steps = s.integer("steps");
            if (steps < 0) {
                throw new IllegalArgumentException("linspace: negative steps");
            }
            double[] v = new double[steps];
            double step = steps > 1 ? (end - start) / (steps - 1) : 0;
            for (int i = 0; i < steps; i++) {
                v[i] = i < steps / 2 || steps == 1 ? start + i * step : end - (steps - 1 - i) * step;
            }
            return List.of(Expected.of(new TensorData(Shape.of(steps), v), t));
        };
    }

    /**
     * rand/uniform, randn/normal, bernoulli, by "form", with "seed", "shape", "a", "b" (as the entries pass
     * them): low + (high - low) u, mean + std z, and u < p.
     */
    public static HostReference random() {
        return (s, t) -> {
            String form = s.text("form");
            if (!form.equals("bernoulli") && t != DType.F32 && t != DType.F64) {
                throw new IllegalArgumentException(form + " needs a floating dtype");
            }
            Generator g = new Generator((Long) s.get("seed"));
            Shape shape = Shape.of(s.ints("shape"));
            double a = s.number("a");
            double b = s.number("b");
            double[] v = new double[shape.numel()];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (form) {
                    case "rand" -> g.nextDouble();
                    case "uniform" -> a + (b - a) * g.nextDouble();
                    case "randn" -> g.nextGaussian();
                    case "normal" -> a + Math.abs(b) * g.nextGaussian();
                    default -> g.nextDouble() < Math.abs(a) / 5 ? 1 : 0;
                };
            }
            return List.of(Expected.of(new TensorData(shape, v), t));
        };
    }

    /**
     * of: the given values, as the dtype holds them. A nested Java array cannot say how long the rows of an
     * empty dim are, so (as {@code Creation.of} documents) every dim after the first size-0 dim reads as 0.
     */
    public static HostReference of() {
        return (s, t) -> {
            TensorData d = (TensorData) s.get("data");
            if (s.text("form").equals("nested")) {
                int[] dims = d.shape().toArray();
                for (int i = 1; i < dims.length; i++) {
                    if (dims[i - 1] == 0) {
                        dims[i] = 0;
                    }
                }
                d = new TensorData(Shape.of(dims), d.values());
            }
            return List.of(Expected.of(d, t));
        };
    }
}
