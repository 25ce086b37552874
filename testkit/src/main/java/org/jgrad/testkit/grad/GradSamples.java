package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;
import org.jgrad.testkit.Axes;
import org.jgrad.testkit.Operand;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.SampleSpace;
import org.jgrad.testkit.Shapes;
import org.jgrad.testkit.TensorData;
import org.jgrad.testkit.Tensors;
import org.jgrad.testkit.ValueDomain;

/**
 * Sample spaces of the autograd op database that the core ones ({@code ElementwiseSamples},
 * {@code ReductionSamples}, {@code MatmulSamples}, ...) do not cover, and transformations that keep
 * samples away from kinks: {@link #shifted} (two operands that never tie) and {@link #distinct} (no ties
 * within an operand).
 *
 * <pre>{@code
 * SampleSpace noTies = GradSamples.shifted(ElementwiseSamples.binary(), 1, 0.125);   // for maximum
 * SampleSpace spread = GradSamples.distinct(ReductionSamples.reduction(true, "axes"), 0, 0.25);   // for amax
 * }</pre>
 */
public final class GradSamples {
    private GradSamples() {
    }

    /**
     * {@code base} with {@code delta} added to every value of operand {@code operand}. With both operands on
     * a grid of step {@code 2 delta}, the shifted one never equals the other: no ties for maximum, minimum,
     * or |a - b|, whose gradients have kinks there.
     */
    public static SampleSpace shifted(SampleSpace base, int operand, double delta) {
        return (sizes, doms) -> base.samples(sizes, doms).map(s -> replace(s, operand,
                new TensorData(s.operand(operand).data().shape(), add(s.operand(operand).data().values(), delta))));
    }

    /**
     * {@code base} with operand {@code operand}'s values replaced by a jqwik-drawn permutation of
     * {@code (k - (n - 1) / 2) step}, k = 0..n-1: all distinct and at least {@code step} apart (no ties for
     * amax, a variance far from 0 for std and the normalisations). Shrinks towards sorted values.
     */
    public static SampleSpace distinct(SampleSpace base, int operand, double step) {
        return (sizes, doms) -> base.samples(sizes, doms).flatMap(s -> {
            TensorData d = s.operand(operand).data();
            int n = d.numel();
            List<Integer> ks = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                ks.add(k);
            }
            return Arbitraries.shuffle(ks).map(perm -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (perm.get(i) - (n - 1) / 2.0) * step;
                }
                return replace(s, operand, new TensorData(d.shape(), v));
            });
        });
    }

    /** {@code s} with operand {@code i}'s values replaced (role kept). */
    public static SampleInput replace(SampleInput s, int i, TensorData values) {
        List<Operand> ops = new ArrayList<>(s.operands());
        ops.set(i, new Operand(values, ops.get(i).role()));
        return s.withOperands(ops);
    }

    private static double[] add(double[] v, double delta) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += delta;
        }
        return out;
    }

    /** One data operand (domain 0) and {@code dim}, one of its dims (softmax, logSoftmax). */
    public static SampleSpace unaryWithDim() {
        return (sizes, doms) -> sizes.shapes().flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)),
                Axes.dim(s.rank())).as((d, dim) -> SampleInput.of(Operand.data(d)).with("dim", dim)));
    }

    /** One data operand (domain 0) and a kwarg {@code name} drawn from {@code values}. */
    public static SampleSpace unaryWith(String name, Object... values) {
        return (sizes, doms) -> Combinators.combine(Tensors.data(sizes.shapes(), doms.get(0)),
                Arbitraries.of(values)).as((d, v) -> SampleInput.of(Operand.data(d)).with(name, v));
    }

    /**
     * Reductions with a Bessel {@code correction} (0 or 1) for var and std: forms "all" and "axes" (reduced
     * dims non-empty), with more reduced elements than the correction.
     */
    public static SampleSpace withCorrection(SampleSpace reduction) {
        return (sizes, doms) -> Combinators.combine(reduction.samples(sizes, doms), Arbitraries.of(0, 1))
                .as((s, corr) -> s.with("correction", corr)).filter(s -> reducedCount(s) > s.integer("correction"));
    }

    /** Elements per output of a reduction sample ("all" or "axes" form). */
    static int reducedCount(SampleInput s) {
        Shape shape = s.operand(0).data().shape();
        if (s.text("form").equals("all")) {
            return shape.numel();
        }
        int n = 1;
        for (int a : org.jgrad.testkit.HostReductions.normalize(s.ints("axes"), shape.rank())) {
            n *= shape.dim(a);
        }
        return n;
    }

    /**
     * {@code clamp(min, max)}: x from domain 0 (which must avoid the bounds), {@code min <= max} from the
     * points -1.5, -0.5, 0.5, 1.5 (min == max included: everything clamped).
     */
    public static SampleSpace clamp() {
        double[][] pairs = {{-1.5, -0.5}, {-0.5, 0.5}, {-1.5, 1.5}, {0.5, 1.5}, {-0.5, 1.5}, {0.5, 0.5}};
        return (sizes, doms) -> Combinators.combine(Tensors.data(sizes.shapes(), doms.get(0)),
                Arbitraries.of(pairs)).as((d, p) -> SampleInput.of(Operand.data(d)).with("min", p[0])
                        .with("max", p[1]));
    }

    /** The points {@link #clamp()} draws bounds from: value domains of clamped inputs avoid them. */
    public static final double[] CLAMP_POINTS = {-1.5, -0.5, 0.5, 1.5};

    /**
     * An in-place op's operands: {@code self} (domain 0, any shape) and {@code other} (domain 1), whose shape
     * broadcasts to self's (an in-place result keeps self's shape).
     */
    public static SampleSpace inPlace() {
        return (sizes, doms) -> sizes.shapes().flatMap(s -> Shapes.broadcastableTo(s).flatMap(o ->
                Combinators.combine(Tensors.data(s, doms.get(0)), Tensors.data(o, doms.get(1)))
                        .as((a, b) -> SampleInput.of(Operand.data(a), Operand.data(b)))));
    }

    /**
     * {@code x.linear(w, b)}: x of shape {@code [.., in]} (rank 1 to 3), w {@code [out, in]}, and when
     * {@code bias} a bias {@code [out]}; all from domain 0.
     */
    public static SampleSpace linear() {
        return (sizes, doms) -> {
            Arbitrary<Integer> dim = Arbitraries.integers().between(1, Math.max(1, sizes.maxDim()));
            Arbitrary<List<Integer>> lead = Arbitraries.integers().between(1, 3).list().ofMaxSize(2);
            return Combinators.combine(dim, dim, lead, Arbitraries.of(true, false)).flatAs((in, out, l, bias) -> {
                int[] xs = new int[l.size() + 1];
                for (int i = 0; i < l.size(); i++) {
                    xs[i] = l.get(i);
                }
                xs[l.size()] = in;
                List<Arbitrary<Operand>> ops = new ArrayList<>();
                ops.add(Tensors.data(Shape.of(xs), doms.get(0)).map(Operand::data));
                ops.add(Tensors.data(Shape.of(out, in), doms.get(0)).map(Operand::data));
                if (bias) {
                    ops.add(Tensors.data(Shape.of(out), doms.get(0)).map(Operand::data));
                }
                return Combinators.combine(ops).as(SampleInput::of);
            });
        };
    }

    /**
     * {@code x.layerNorm(normalizedShape, w, b, eps)}: x (domain 0) of rank 1 to 3, the last 1 or 2 dims
     * normalised (at least 2 elements), optional weight and bias of the normalised shape ({@code affine}:
     * "none", "weight", "both"), eps 1e-5 or 0.1.
     */
    public static SampleSpace layerNorm() {
        return (sizes, doms) -> Shapes.nonEmptyShapes(1, Math.min(3, sizes.maxRank()), sizes.maxNumel(),
                        sizes.maxDim())
                .flatMap(s -> Arbitraries.integers().between(1, Math.min(2, s.rank())).flatMap(k -> {
                    int[] norm = new int[k];
                    for (int i = 0; i < k; i++) {
                        norm[i] = s.dim(s.rank() - k + i);
                    }
                    return Combinators.combine(Tensors.data(s, doms.get(0)), Arbitraries.of("none", "weight", "both"),
                                    Arbitraries.of(1e-5, 0.1))
                            .flatAs((x, affine, eps) -> {
                                List<Arbitrary<Operand>> ops = new ArrayList<>();
                                ops.add(Arbitraries.just(Operand.data(x)));
                                if (!affine.equals("none")) {
                                    ops.add(Tensors.data(Shape.of(norm), doms.get(1)).map(Operand::data));
                                }
                                if (affine.equals("both")) {
                                    ops.add(Tensors.data(Shape.of(norm), doms.get(1)).map(Operand::data));
                                }
                                return Combinators.combine(ops).as(o -> SampleInput.of(o).with("normalizedShape", norm)
                                        .with("affine", affine).with("eps", eps));
                            });
                }))
                .filter(s -> numel(s.ints("normalizedShape")) >= 2);
    }

    /**
     * {@code x.batchNorm(runningMean, runningVar, w, b, training, momentum, eps)}: x {@code [N, C]} or
     * {@code [N, C, L]} (domain 0), running mean (domain 1) and variance (domain 2) of {@code [C]}, optional
     * weight and bias {@code [C]} (domain 1); {@code training} true or false. In training the batch has at
     * least 2 elements per channel.
     */
    public static SampleSpace batchNorm() {
        return (sizes, doms) -> {
            Arbitrary<Integer> n = Arbitraries.integers().between(1, 3);
            Arbitrary<Integer> c = Arbitraries.integers().between(1, 3);
            Arbitrary<Integer> l = Arbitraries.integers().between(0, 3);
            return Combinators.combine(n, c, l, Arbitraries.of(true, false), Arbitraries.of(true, false))
                    .flatAs((nn, cc, ll, training, affine) -> {
                        Shape x = ll == 0 ? Shape.of(nn, cc) : Shape.of(nn, cc, ll);
                        List<Arbitrary<Operand>> ops = new ArrayList<>();
                        ops.add(Tensors.data(x, doms.get(0)).map(Operand::data));
                        ops.add(Tensors.data(Shape.of(cc), doms.get(1)).map(Operand::data));
                        ops.add(Tensors.data(Shape.of(cc), doms.get(2)).map(Operand::data));
                        if (affine) {
                            ops.add(Tensors.data(Shape.of(cc), doms.get(1)).map(Operand::data));
                            ops.add(Tensors.data(Shape.of(cc), doms.get(1)).map(Operand::data));
                        }
                        return Combinators.combine(ops).as(o -> SampleInput.of(o).with("training", training)
                                .with("momentum", 0.1).with("eps", 1e-5));
                    })
                    .filter(s -> !s.flag("training") || s.operand(0).data().numel() / s.operand(1).data().numel() >= 2);
        };
    }

    /**
     * {@code indices.embedding(weight, paddingIndex)}: indices (rank 0 to 2, values in range) and weight
     * {@code [num, dim]} (domain 0); paddingIndex -1 (none) or a row.
     */
    public static SampleSpace embedding() {
        return (sizes, doms) -> Combinators.combine(Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 3), Shapes.shapes(0, 2, 6, 3))
                .flatAs((num, dim, idxShape) -> Combinators.combine(
                        Tensors.data(idxShape, ValueDomain.integers(0, num - 1)),
                        Tensors.data(Shape.of(num, dim), doms.get(0)), Arbitraries.integers().between(-1, num - 1))
                        .as((idx, w, pad) -> SampleInput.of(Operand.index(idx), Operand.data(w))
                                .with("paddingIndex", pad)));
    }

    /**
     * {@code q.scaledDotProductAttention(k, v, keep, causal)}: q {@code [B.., Tq, d]}, k {@code [B.., Tk, d]},
     * v {@code [B.., Tk, dv]} (domain 0, batch rank 0 or 1), {@code causal} true or false, and maybe a BOOL
     * mask {@code [Tq, Tk]} or {@code [Tk]} whose first key is always kept (so no query sees nothing: a fully
     * masked row is NaN, in PyTorch too).
     */
    public static SampleSpace attention() {
        return (sizes, doms) -> {
            Arbitrary<Integer> t = Arbitraries.integers().between(1, 3);
            Arbitrary<List<Integer>> batch = Arbitraries.integers().between(1, 2).list().ofMaxSize(1);
            return Combinators.combine(batch, t, t, t, t, Arbitraries.of("none", "2d", "1d"),
                            Arbitraries.of(false, true))
                    .flatAs((b, tq, tk, d, dv, mask, causal) -> {
                        List<Arbitrary<Operand>> ops = new ArrayList<>();
                        ops.add(Tensors.data(Shape.of(append(b, tq, d)), doms.get(0)).map(Operand::data));
                        ops.add(Tensors.data(Shape.of(append(b, tk, d)), doms.get(0)).map(Operand::data));
                        ops.add(Tensors.data(Shape.of(append(b, tk, dv)), doms.get(0)).map(Operand::data));
                        if (!mask.equals("none")) {
                            Shape ms = mask.equals("2d") ? Shape.of(tq, tk) : Shape.of(tk);
                            ops.add(Tensors.data(ms, ValueDomain.booleans()).map(m -> Operand.mask(keepFirstKey(m))));
                        }
                        return Combinators.combine(ops).as(o -> SampleInput.of(o).with("causal", causal));
                    });
        };
    }

    private static TensorData keepFirstKey(TensorData m) {
        double[] v = m.values();
        int tk = m.shape().dim(m.shape().rank() - 1);
        for (int i = 0; i < v.length; i += tk) {
            v[i] = 1;
        }
        return new TensorData(m.shape(), v);
    }

    /**
     * {@code logits.crossEntropy(target, ignoreIndex, labelSmoothing)} and {@code nllLoss}: input {@code [N, C]}
     * (domain 0), class indices {@code [N]} with ignoreIndex -100 or 0 (some targets then ignored, never all),
     * labelSmoothing 0 or 0.2.
     */
    public static SampleSpace classification() {
        return (sizes, doms) -> Combinators.combine(Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 4))
                .flatAs((n, c) -> Combinators.combine(Tensors.data(Shape.of(n, c), doms.get(0)),
                        Tensors.data(Shape.of(n), ValueDomain.integers(-1, c - 1)), Arbitraries.of(-100, 0),
                        Arbitraries.of(0.0, 0.2))
                        .as((x, t, ignore, smoothing) -> {
                            double[] tv = t.values();
                            // -1 marks "ignored": written as the ignore index; one target is always counted.
                            int ign = c == 1 ? -100 : ignore;
                            for (int i = 0; i < tv.length; i++) {
                                tv[i] = tv[i] < 0 ? ign : tv[i];
                            }
                            if (tv[0] == ign) {
                                tv[0] = c - 1;
                            }
                            return SampleInput.of(Operand.data(x), Operand.index(new TensorData(t.shape(), tv)))
                                    .with("ignoreIndex", ign).with("labelSmoothing", smoothing);
                        }));
    }

    /** Two data operands of the same shape (domains 0 and 1): losses whose PyTorch forms need equal shapes. */
    public static SampleSpace sameShape() {
        return (sizes, doms) -> sizes.shapes().flatMap(s -> Combinators.combine(Tensors.data(s, doms.get(0)),
                Tensors.data(s, doms.get(1))).as((a, b) -> SampleInput.of(Operand.data(a), Operand.data(b))));
    }

    private static int[] append(List<Integer> batch, int rows, int cols) {
        int[] out = new int[batch.size() + 2];
        for (int i = 0; i < batch.size(); i++) {
            out[i] = batch.get(i);
        }
        out[batch.size()] = rows;
        out[batch.size() + 1] = cols;
        return out;
    }

    private static int numel(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
