package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.Shape;
import org.jgrad.testkit.Expected;
import org.jgrad.testkit.HostElementwise;
import org.jgrad.testkit.HostMath;
import org.jgrad.testkit.HostReductions;
import org.jgrad.testkit.HostReductions.Kind;
import org.jgrad.testkit.HostReference;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.TensorData;

/**
 * Float64 host references of the composite ops: plain loops over host values (with the testkit's
 * {@link HostMath} broadcasting and {@link HostReductions}), written from the PyTorch definitions and
 * sharing no code with autograd or core, so they catch a composite that is stably wrong.
 */
final class GradRefs {
    private GradRefs() {
    }

    static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    static HostReference unary(DoubleUnaryOperator f) {
        return HostReference.unary(f, true);
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + HostElementwise.erfByQuadrature(x / Math.sqrt(2)));
    }

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }

    /** The operands as float64 host values. */
    static List<TensorData> in(SampleInput s) {
        return HostReference.inputs(s, DType.F64);
    }

    static List<Expected> out(TensorData... values) {
        List<Expected> e = new ArrayList<>();
        for (TensorData v : values) {
            e.add(Expected.of(v, DType.F64));
        }
        return e;
    }

    static TensorData scalar(double v) {
        return TensorData.of(Shape.scalar(), v);
    }

    static int[] allAxes(int rank) {
        return IntStream.range(0, rank).toArray();
    }

    /** Axes of a reduction sample: "all" form, or its "axes" (null: all). */
    static int[] axes(SampleInput s, int rank) {
        if (s.text("form").equals("all")) {
            return allAxes(rank);
        }
        int[] a = s.ints("axes");
        return a == null ? allAxes(rank) : a;
    }

    static boolean keepdim(SampleInput s) {
        return !s.text("form").equals("all") && s.flag("keepdim");
    }

    static TensorData sum(TensorData x, int[] axes, boolean keepdim) {
        return HostReductions.reduce(Kind.SUM, x, axes, keepdim);
    }

    static TensorData zip2(TensorData a, TensorData b, java.util.function.DoubleBinaryOperator f) {
        return HostMath.zip(List.of(a, b), v -> f.applyAsDouble(v[0], v[1]));
    }

    static double count(TensorData x, int[] axes) {
        double n = 1;
        for (int a : HostReductions.normalize(axes, x.shape().rank())) {
            n *= x.shape().dim(a);
        }
        return n;
    }

    // ------------------------------------------------------------------ reductions

    static HostReference mean() {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            int[] ax = axes(s, x.shape().rank());
            double n = count(x, ax);
            return out(HostMath.map(sum(x, ax, keepdim(s)), v -> v / n));
        };
    }

    /** Variance with the sample's correction (two-pass: mean first, then squared deviations). */
    static TensorData var(TensorData x, int[] ax, int correction, boolean keepdim) {
        double n = count(x, ax);
        TensorData mean = HostMath.map(sum(x, ax, true), v -> v / n);
        TensorData sq = zip2(x, mean, (a, m) -> (a - m) * (a - m));
        return HostMath.map(sum(sq, ax, keepdim), v -> v / Math.max(n - correction, 0));
    }

    static HostReference var(boolean std) {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            TensorData v = var(x, axes(s, x.shape().rank()), s.integer("correction"), keepdim(s));
            return out(std ? HostMath.map(v, Math::sqrt) : v);
        };
    }

    static HostReference logsumexp() {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            int[] ax = axes(s, x.shape().rank());
            // An empty input has no max; shift by 0 (the sum of nothing is 0, and log 0 = -inf).
            TensorData m = x.numel() == 0 ? sum(x, ax, true) : HostReductions.reduce(Kind.MAX, x, ax, true);
            TensorData e = zip2(x, m, (a, b) -> Math.exp(a - b));
            TensorData lse = zip2(sum(e, ax, true), m, (a, b) -> Math.log(a) + b);
            return out(keepdim(s) ? lse : sum(lse, ax, false));
        };
    }

    static HostReference norm() {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            double p = s.has("p") ? s.number("p") : 2;
            int[] ax = s.has("form") ? axes(s, x.shape().rank()) : allAxes(x.shape().rank());
            boolean keep = s.has("form") && keepdim(s);
            TensorData powered = HostMath.map(x, v -> Math.pow(Math.abs(v), p));
            return out(HostMath.map(sum(powered, ax, keep), v -> Math.pow(v, 1 / p)));
        };
    }

    /** {@code x / max(||x||_p, eps)} along {@code dim}: each line's norm summed in a plain loop. */
    static HostReference normalize() {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            Shape shape = x.shape();
            if (shape.rank() == 0) {
                double v = x.values()[0];
                return out(new TensorData(shape, new double[] {v / Math.max(Math.abs(v), s.number("eps"))}));
            }
            int d = Math.floorMod(s.integer("dim"), shape.rank());
            double p = s.number("p");
            double[] y = new double[x.numel()];
            for (int f = 0; f < y.length; f++) {
                int[] idx = TensorData.multiIndex(shape, f);
                double acc = 0;
                for (int k = 0; k < shape.dim(d); k++) {
                    idx[d] = k;
                    acc += Math.pow(Math.abs(x.get(idx)), p);
                }
                y[f] = x.values()[f] / Math.max(Math.pow(acc, 1 / p), s.number("eps"));
            }
            return out(new TensorData(shape, y));
        };
    }

    static TensorData softmax(TensorData x, int dim, boolean log) {
        return org.jgrad.testkit.HostSoftmax.softmax(x, dim, log);
    }

    static HostReference softmax(boolean log) {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            return out(x.numel() == 0 ? x : softmax(x, s.integer("dim"), log));
        };
    }

    // ------------------------------------------------------------------ nn

    static HostReference linear() {
        return (s, t) -> {
            List<TensorData> in = in(s);
            TensorData x = in.get(0);
            TensorData w = in.get(1);
            int inDim = w.shape().dim(1);
            int outDim = w.shape().dim(0);
            int rows = x.numel() / Math.max(inDim, 1);
            int[] shape = x.shape().toArray();
            shape[shape.length - 1] = outDim;
            double[] xv = x.values();
            double[] wv = w.values();
            double[] y = new double[rows * outDim];
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outDim; o++) {
                    double acc = in.size() > 2 ? in.get(2).values()[o] : 0;
                    for (int i = 0; i < inDim; i++) {
                        acc += xv[r * inDim + i] * wv[o * inDim + i];
                    }
                    y[r * outDim + o] = acc;
                }
            }
            return out(new TensorData(Shape.of(shape), y));
        };
    }

    static HostReference layerNorm() {
        return (s, t) -> {
            List<TensorData> in = in(s);
            TensorData x = in.get(0);
            int k = s.ints("normalizedShape").length;
            int r = x.shape().rank();
            int[] ax = IntStream.range(r - k, r).toArray();
            double n = count(x, ax);
            double eps = s.number("eps");
            TensorData mean = HostMath.map(sum(x, ax, true), v -> v / n);
            TensorData var = var(x, ax, 0, true);
            TensorData y = HostMath.zip(List.of(x, mean, var), a -> (a[0] - a[1]) / Math.sqrt(a[2] + eps));
            if (in.size() > 1) {
                y = zip2(y, in.get(1), (a, b) -> a * b);
            }
            if (in.size() > 2) {
                y = zip2(y, in.get(2), (a, b) -> a + b);
            }
            return out(y);
        };
    }

    /** batchNorm: outputs y and the updated running mean and variance. */
    static HostReference batchNorm() {
        return (s, t) -> {
            List<TensorData> in = in(s);
            TensorData x = in.get(0);
            int c = x.shape().dim(1);
            int[] ax = x.shape().rank() == 2 ? new int[] {0} : new int[] {0, 2};
            Shape channel = x.shape().rank() == 2 ? Shape.of(c) : Shape.of(c, 1);
            TensorData rm = in.get(1);
            TensorData rv = in.get(2);
            double momentum = s.number("momentum");
            double eps = s.number("eps");
            TensorData mean;
            TensorData var;
            if (s.flag("training")) {
                double n = count(x, ax);
                mean = HostMath.map(sum(x, ax, false), v -> v / n);
                var = var(x, ax, 0, false);
                TensorData unbiased = HostMath.map(var, v -> v * n / Math.max(n - 1, 1));
                TensorData newMean = zip2(rm, mean, (a, b) -> (1 - momentum) * a + momentum * b);
                TensorData newVar = zip2(rv, unbiased, (a, b) -> (1 - momentum) * a + momentum * b);
                rm = newMean;
                rv = newVar;
            } else {
                mean = rm;
                var = rv;
            }
            TensorData m = new TensorData(channel, mean.values());
            TensorData v = new TensorData(channel, var.values());
            TensorData y = HostMath.zip(List.of(x, m, v), a -> (a[0] - a[1]) / Math.sqrt(a[2] + eps));
            if (in.size() > 3) {
                y = zip2(y, new TensorData(channel, in.get(3).values()), (a, b) -> a * b);
                y = zip2(y, new TensorData(channel, in.get(4).values()), (a, b) -> a + b);
            }
            return out(y, rm, rv);
        };
    }

    /** dropout with the mask the seeded generator draws (keep when {@code nextDouble() < 1 - p}). */
    static HostReference dropout() {
        return (s, t) -> {
            TensorData x = in(s).get(0);
            double p = s.number("p");
            if (!s.flag("training") || p == 0) {
                return out(x);
            }
            Generator g = new Generator(s.integer("seed"));
            double[] v = x.values();
            for (int i = 0; i < v.length; i++) {
                boolean keep = p < 1 && g.nextDouble() < 1 - p;
                v[i] = keep ? v[i] / (1 - p) : 0 * v[i];
            }
            return out(new TensorData(x.shape(), v));
        };
    }

    static HostReference embedding() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, DType.F64);
            TensorData idx = in.get(0);
            TensorData w = in.get(1);
            int dim = w.shape().dim(1);
            int[] shape = java.util.Arrays.copyOf(idx.shape().toArray(), idx.shape().rank() + 1);
            shape[idx.shape().rank()] = dim;
            double[] v = new double[idx.numel() * dim];
            double[] iv = idx.values();
            double[] wv = w.values();
            for (int i = 0; i < iv.length; i++) {
                System.arraycopy(wv, (int) iv[i] * dim, v, i * dim, dim);
            }
            return out(new TensorData(Shape.of(shape), v));
        };
    }

    static HostReference attention() {
        return (s, t) -> {
            List<TensorData> in = in(s);
            TensorData q = in.get(0);
            TensorData k = in.get(1);
            TensorData v = in.get(2);
            TensorData keep = in.size() > 3 ? in.get(3) : null;
            boolean causal = s.flag("causal");
            int r = q.shape().rank();
            int tq = q.shape().dim(r - 2);
            int d = q.shape().dim(r - 1);
            int tk = k.shape().dim(r - 2);
            int dv = v.shape().dim(r - 1);
            int batch = q.numel() / Math.max(tq * d, 1);
            int[] shape = q.shape().toArray();
            shape[r - 1] = dv;
            double[] y = new double[batch * tq * dv];
            double[] qv = q.values();
            double[] kv = k.values();
            double[] vv = v.values();
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < tq; i++) {
                    double[] score = new double[tk];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < tk; j++) {
                        boolean visible = (!causal || j <= i) && (keep == null || (keep.shape().rank() == 2
                                ? keep.get(i, j) : keep.get(j)) != 0);
                        double acc = 0;
                        for (int e = 0; e < d; e++) {
                            acc += qv[(b * tq + i) * d + e] * kv[(b * tk + j) * d + e];
                        }
                        score[j] = visible ? acc / Math.sqrt(d) : Double.NEGATIVE_INFINITY;
                        max = Math.max(max, score[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < tk; j++) {
                        score[j] = Math.exp(score[j] - max);
                        z += score[j];
                    }
                    for (int e = 0; e < dv; e++) {
                        double acc = 0;
                        for (int j = 0; j < tk; j++) {
                            acc += score[j] / z * vv[(b * tk + j) * dv + e];
                        }
                        y[(b * tq + i) * dv + e] = acc;
                    }
                }
            }
            return out(new TensorData(Shape.of(shape), y));
        };
    }

    // ------------------------------------------------------------------ losses

    /** The loss reduction a sample asks for: its "reduction" kwarg (MEAN when "plain" or absent). */
    static String reduction(SampleInput s) {
        return s.has("reduction") && !s.text("reduction").equals("plain") ? s.text("reduction") : "MEAN";
    }

    /** Per-element losses reduced as the sample asks ({@code counted}: the MEAN's divisor). */
    static TensorData reduce(TensorData losses, String reduction, double counted) {
        double total = 0;
        for (double v : losses.values()) {
            total += v;
        }
        return switch (reduction) {
            case "NONE" -> losses;
            case "SUM" -> scalar(total);
            default -> scalar(total / counted);
        };
    }

    static HostReference elementwiseLoss(java.util.function.DoubleBinaryOperator f) {
        return (s, t) -> {
            List<TensorData> in = in(s);
            TensorData e = zip2(in.get(0), in.get(1), f);
            return out(reduce(e, reduction(s), e.numel()));
        };
    }

    /** crossEntropy (log-softmax input) or nllLoss (log-probabilities given), with ignoreIndex and smoothing. */
    static HostReference classification(boolean fromLogits) {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, DType.F64);
            TensorData x = in.get(0);
            TensorData logp = fromLogits ? softmax(x, 1, true) : x;
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int ignore = s.integer("ignoreIndex");
            double smoothing = fromLogits && s.has("labelSmoothing") ? s.number("labelSmoothing") : 0;
            double[] losses = new double[n];
            int counted = 0;
            for (int i = 0; i < n; i++) {
                int target = (int) in.get(1).values()[i];
                if (target == ignore) {
                    continue;
                }
                double uniform = 0;
                for (int k = 0; k < c; k++) {
                    uniform -= logp.get(i, k) / c;
                }
                losses[i] = (1 - smoothing) * -logp.get(i, target) + smoothing * uniform;
                counted++;
            }
            return out(reduce(new TensorData(org.jgrad.core.Shape.of(n), losses), reduction(s), counted));
        };
    }

    static HostReference bce(boolean logits) {
        return elementwiseLoss((x, y) -> {
            if (logits) {
                return softplus(x) - x * y;
            }
            return -(y * Math.max(Math.log(x), -100) + (1 - y) * Math.max(Math.log(1 - x), -100));
        });
    }
}
