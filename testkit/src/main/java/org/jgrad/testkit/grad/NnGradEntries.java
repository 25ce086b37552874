package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.GradOps.f64;
import static org.jgrad.testkit.grad.GradOps.i64;

import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import org.jgrad.autograd.Tensor;
import org.jgrad.autograd.ops.Reduction;
import org.jgrad.core.Generator;
import org.jgrad.testkit.ElementwiseSamples;
import org.jgrad.testkit.Operand;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.SampleSpace;
import org.jgrad.testkit.Tensors;
import org.jgrad.testkit.ValueDomain;

/** Entries of the activations, the nn functions and the losses (all composites). */
final class NnGradEntries {
    /**
     * Normalisation's input gradient subtracts terms of size |w| |g| / std that cancel: with |w| <= 3, |g| <= 3
     * and groups whose std may be as small as 0.125 (values at least 0.25 apart), those terms are up to ~70
     * times the O(1) scale the default floor assumes; ~30 roundings x 70 x 2^-24 gives about 1.3e-4 absolute.
     * Seen: 1.16e-6 off on a gradient of 5e-3, above the default's 1.1e-6.
     */
    private static final Float32Tolerance NORMALISATION_F32 = new Float32Tolerance(1e-5, 1.3e-4,
            "normalisation: the input gradient cancels terms up to ~70x its scale (|w||g|/std, std >= 0.125)");

    /**
     * normalize's input gradient {@code (g - y (y . g)) / ||x||} subtracts terms of size |g| / ||x||: with |g| <= 3
     * and norms as small as 0.05 (one element of the AWAY_FROM_ZERO domain) that is 60 times the O(1) scale;
     * ~30 roundings x 60 x 2^-24 gives about 1.1e-4 absolute. Seen: 1.9e-6 off on a gradient that is exactly 0.
     */
    private static final Float32Tolerance NORMALIZE_F32 = new Float32Tolerance(1e-5, 1.1e-4,
            "normalize: the input gradient cancels terms up to ~60x its scale (|g|/||x||, ||x|| >= 0.05)");

    private NnGradEntries() {
    }

    static List<GradOp> all() {
        return List.of(
                activation("sigmoid", Tensor::sigmoid, GradDomains.LOGITS, GradRefs::sigmoid),
                activation("tanh", Tensor::tanh, GradDomains.EXP, Math::tanh),
                // The composite definitions of the fused primitives, against the same references: fused and
                // composite then agree with each other through them, forward and backward.
                activation("sigmoidComposite", Tensor::sigmoidComposite, GradDomains.LOGITS, GradRefs::sigmoid),
                activation("tanhComposite", Tensor::tanhComposite, GradDomains.EXP, Math::tanh),
                activation("relu", Tensor::relu, GradDomains.AWAY_FROM_ZERO, x -> Math.max(x, 0)),
                activation("gelu", Tensor::gelu, GradDomains.GENERAL, GradRefs::gelu),
                activation("geluTanh", Tensor::geluTanh, GradDomains.GENERAL, GradRefs::geluTanh),
                activation("softplus", Tensor::softplus, GradDomains.LOGITS, GradRefs::softplus),
                GradOp.builder("leakyRelu").covers("leakyRelu(double)").domains(GradDomains.AWAY_FROM_ZERO)
                        .samples(GradSamples.unaryWith("slope", 0.01, 0.2, 1.5))
                        .call(GradCall.single(c -> c.in(0).leakyRelu(c.number("slope"))))
                        .reference((s, t) -> GradRefs.out(org.jgrad.testkit.HostMath.map(GradRefs.in(s).get(0),
                                x -> x > 0 ? x : s.number("slope") * x))).build(),
                GradOp.builder("softmaxComposite").covers("softmaxComposite(int)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWithDim())
                        .call(GradCall.single(c -> c.in(0).softmaxComposite(c.integer("dim"))))
                        .reference(GradRefs.softmax(false))
                        .error("dim out of range", () -> f64(2, 3).softmaxComposite(2)).build(),
                GradOp.builder("logSoftmaxComposite").covers("logSoftmaxComposite(int)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWithDim())
                        .call(GradCall.single(c -> c.in(0).logSoftmaxComposite(c.integer("dim"))))
                        .reference(GradRefs.softmax(true))
                        .error("dim out of range", () -> f64(2, 3).logSoftmaxComposite(-3)).build(),
                GradOp.builder("softmax").covers("softmax(int)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWithDim())
                        .call(GradCall.single(c -> c.in(0).softmax(c.integer("dim"))))
                        .reference(GradRefs.softmax(false))
                        .error("dim out of range", () -> f64(2, 3).softmax(2)).build(),
                GradOp.builder("logSoftmax").covers("logSoftmax(int)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWithDim())
                        .call(GradCall.single(c -> c.in(0).logSoftmax(c.integer("dim"))))
                        .reference(GradRefs.softmax(true))
                        .error("dim out of range", () -> f64(2, 3).logSoftmax(-3)).build(),

                GradOp.builder("layerNorm").covers("layerNorm(int[],Tensor,Tensor,double)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL).float32(NORMALISATION_F32)
                        .samples(GradSamples.distinct(GradSamples.layerNorm(), 0, 0.25)).noExpandedViews()
                        .call(GradCall.single(c -> c.in(0).layerNorm(c.ints("normalizedShape"), c.optional(1),
                                c.optional(2), c.number("eps"))))
                        .reference(GradRefs.layerNorm())
                        .error("input does not end with the normalized shape",
                                () -> f64(2, 3).layerNorm(new int[] {2}, null, null, 1e-5))
                        .error("weight of the wrong shape",
                                () -> f64(2, 3).layerNorm(new int[] {3}, f64(2), null, 1e-5)).build(),
                GradOp.builder("layerNormComposite").covers("layerNormComposite(int[],Tensor,Tensor,double)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL).float32(NORMALISATION_F32)
                        .samples(GradSamples.distinct(GradSamples.layerNorm(), 0, 0.25)).noExpandedViews()
                        .call(GradCall.single(c -> c.in(0).layerNormComposite(c.ints("normalizedShape"),
                                c.optional(1), c.optional(2), c.number("eps"))))
                        .reference(GradRefs.layerNorm())
                        .error("input does not end with the normalized shape",
                                () -> f64(2, 3).layerNormComposite(new int[] {2}, null, null, 1e-5)).build(),
                GradOp.builder("batchNorm").covers("batchNorm(Tensor,Tensor,Tensor,Tensor,boolean,double,double)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL, GradDomains.VARIANCE).float32(NORMALISATION_F32)
                        .samples(GradSamples.distinct(GradSamples.batchNorm(), 0, 0.25)).noExpandedViews()
                        .constants(1, 2).forwardOnly(1, 2)
                        .call(c -> {
                            // Fresh running statistics per call: batchNorm updates them in place.
                            Tensor rm = c.in(1).copy();
                            Tensor rv = c.in(2).copy();
                            Tensor y = c.in(0).batchNorm(rm, rv, c.optional(3), c.optional(4), c.flag("training"),
                                    c.number("momentum"), c.number("eps"));
                            return List.of(y, rm, rv);
                        })
                        .reference(GradRefs.batchNorm())
                        .error("input of rank 1", () -> f64(3).batchNorm(null, null, null, null, true, 0.1, 1e-5))
                        .error("evaluation without running statistics",
                                () -> f64(2, 3).batchNorm(null, null, null, null, false, 0.1, 1e-5))
                        .error("running mean of the wrong size",
                                () -> f64(2, 3).batchNorm(f64(2).detach(), f64(2).detach(), null, null, false, 0.1,
                                        1e-5)).build(),
                // Values away from 0 (|x|^p has no kink there for p = 1) and norms far above eps (max has a kink).
                GradOp.builder("normalize").covers("normalize(double,int,double)").domains(GradDomains.AWAY_FROM_ZERO)
                        .float32(NORMALIZE_F32)
                        .samples((sizes, doms) -> GradSamples.unaryWithDim().samples(sizes, doms)
                                .flatMap(s -> Arbitraries.of(1.0, 2.0, 3.0).map(p -> s.with("p", p).with("eps", 1e-12))))
                        .call(GradCall.single(c -> c.in(0).normalize(c.number("p"), c.integer("dim"),
                                c.number("eps"))))
                        .reference(GradRefs.normalize())
                        .error("p = 0", () -> f64(2, 3).normalize(0, 1, 1e-12))
                        .error("dim out of range", () -> f64(2, 3).normalize(2, 2, 1e-12)).build(),
                GradOp.builder("dropout").covers("dropout(double,boolean,Generator)").domains(GradDomains.GENERAL)
                        .samples(dropout())
                        .call(GradCall.single(c -> c.in(0).dropout(c.number("p"), c.flag("training"),
                                new Generator(c.integer("seed")))))
                        .reference(GradRefs.dropout())
                        .error("p > 1", () -> f64(3).dropout(1.5, true, new Generator(1))).build(),
                GradOp.builder("embedding").covers("embedding(Tensor,int)").domains(GradDomains.GENERAL)
                        .samples(embedding())
                        .call(GradCall.single(c -> c.in(0).embedding(c.in(1), c.integer("paddingIndex"))))
                        .reference(GradRefs.embedding())
                        .error("floating indices", () -> f64(2).embedding(f64(3, 2), -1))
                        .error("index out of range", () -> i64(0, 3).embedding(f64(3, 2), -1)).build(),
                GradOp.builder("scaledDotProductAttention")
                        .covers("scaledDotProductAttention(Tensor,Tensor,Tensor,boolean)")
                        .domains(GradDomains.GENERAL).samples(GradSamples.attention())
                        .call(GradCall.single(c -> c.in(0).scaledDotProductAttention(c.in(1), c.in(2), c.optional(3),
                                c.flag("causal"))))
                        .reference(GradRefs.attention())
                        .error("mask is not BOOL", () -> f64(2, 3).scaledDotProductAttention(f64(2, 3), f64(2, 3),
                                f64(2, 2), false))
                        .error("q and k dims differ", () -> f64(2, 3).scaledDotProductAttention(f64(2, 4), f64(2, 3),
                                null, false)).build(),

                GradOp.builder("mseLoss").covers("mseLoss(Tensor)", "mseLoss(Tensor,Reduction)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL)
                        .samples(withReduction(nonEmptyBroadcast(ElementwiseSamples.binary())))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).mseLoss(c.in(1))
                                : c.in(0).mseLoss(c.in(1), reduced(c))))
                        .reference(GradRefs.elementwiseLoss((x, y) -> (x - y) * (x - y)))
                        .error("shapes do not broadcast", () -> f64(2, 3).mseLoss(f64(2))).build(),
                GradOp.builder("l1Loss").covers("l1Loss(Tensor)", "l1Loss(Tensor,Reduction)")
                        .domains(GradDomains.QUARTERS, GradDomains.QUARTERS)
                        .samples(withReduction(nonEmptyBroadcast(GradSamples.shifted(ElementwiseSamples.binary(), 1,
                                0.125))))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).l1Loss(c.in(1))
                                : c.in(0).l1Loss(c.in(1), reduced(c))))
                        .reference(GradRefs.elementwiseLoss((x, y) -> Math.abs(x - y)))
                        .error("shapes do not broadcast", () -> f64(2, 3).l1Loss(f64(2))).build(),
                // Both operands on the quarter grid, the target shifted by 1/8: |x - target| lies in {1/8, 3/8, ...},
                // at least 1/8 from 0 and from every delta drawn here (multiples of 1/2), where the Huber loss switches
                // branch (its second derivative jumps there).
                GradOp.builder("huberLoss").covers("huberLoss(Tensor,double)", "huberLoss(Tensor,double,Reduction)")
                        .domains(GradDomains.QUARTERS, GradDomains.QUARTERS)
                        .samples(withDelta(withReduction(nonEmptyBroadcast(GradSamples.shifted(
                                ElementwiseSamples.binary(), 1, 0.125)))))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).huberLoss(c.in(1), c.number("delta"))
                                : c.in(0).huberLoss(c.in(1), c.number("delta"), reduced(c))))
                        .reference((s, t) -> GradRefs.elementwiseLoss((x, y) -> huber(x - y, s.number("delta")))
                                .expected(s, t))
                        .error("shapes do not broadcast", () -> f64(2, 3).huberLoss(f64(2), 1.0))
                        .error("delta is not positive", () -> f64(2).huberLoss(f64(2), 0.0)).build(),
                GradOp.builder("crossEntropy")
                        .covers("crossEntropy(Tensor,int,double)", "crossEntropy(Tensor,int,double,Reduction)")
                        .domains(GradDomains.LOGITS).samples(withReduction(GradSamples.classification()))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).crossEntropy(c.in(1),
                                c.integer("ignoreIndex"), c.number("labelSmoothing"))
                                : c.in(0).crossEntropy(c.in(1), c.integer("ignoreIndex"), c.number("labelSmoothing"),
                                        reduced(c))))
                        .reference(GradRefs.classification(true))
                        .error("floating targets", () -> f64(2, 3).crossEntropy(f64(2), -100, 0))
                        .error("batch sizes differ", () -> f64(2, 3).crossEntropy(i64(0), -100, 0))
                        .error("class index out of range", () -> f64(2, 3).crossEntropy(i64(0, 3), -100, 0)).build(),
                GradOp.builder("crossEntropy.plain").covers("crossEntropy(Tensor)").domains(GradDomains.LOGITS)
                        .samples((sizes, doms) -> GradSamples.classification().samples(sizes, doms)
                                .map(s -> s.with("ignoreIndex", -100).with("labelSmoothing", 0.0)))
                        .call(GradCall.single(c -> c.in(0).crossEntropy(c.in(1))))
                        .reference(GradRefs.classification(true))
                        .error("input of rank 1", () -> f64(3).crossEntropy(i64(0))).build(),
                GradOp.builder("nllLoss").covers("nllLoss(Tensor,int)", "nllLoss(Tensor,int,Reduction)")
                        .domains(GradDomains.GENERAL).samples(withReduction(GradSamples.classification()))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).nllLoss(c.in(1),
                                c.integer("ignoreIndex")) : c.in(0).nllLoss(c.in(1), c.integer("ignoreIndex"),
                                reduced(c))))
                        .reference(GradRefs.classification(false))
                        .error("batch sizes differ", () -> f64(2, 3).nllLoss(i64(0), -100)).build(),
                GradOp.builder("binaryCrossEntropy")
                        .covers("binaryCrossEntropy(Tensor)", "binaryCrossEntropy(Tensor,Reduction)")
                        .domains(GradDomains.PROBABILITY, GradDomains.UNIT)
                        .samples(withReduction(GradSamples.sameShape()))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).binaryCrossEntropy(c.in(1))
                                : c.in(0).binaryCrossEntropy(c.in(1), reduced(c))))
                        .reference(GradRefs.bce(false))
                        .error("shapes differ", () -> prob(2, 3).binaryCrossEntropy(prob(3))).build(),
                GradOp.builder("binaryCrossEntropyWithLogits")
                        .covers("binaryCrossEntropyWithLogits(Tensor)",
                                "binaryCrossEntropyWithLogits(Tensor,Reduction)")
                        .domains(GradDomains.LOGITS, GradDomains.UNIT).samples(withReduction(GradSamples.sameShape()))
                        .call(GradCall.single(c -> reduced(c) == null ? c.in(0).binaryCrossEntropyWithLogits(c.in(1))
                                : c.in(0).binaryCrossEntropyWithLogits(c.in(1), reduced(c))))
                        .reference(GradRefs.bce(true))
                        .error("shapes differ", () -> f64(2, 3).binaryCrossEntropyWithLogits(prob(3))).build());
    }

    /** The sample's loss reduction, or null for the call without one ("plain"). */
    private static Reduction reduced(GradContext c) {
        return c.text("reduction").equals("plain") ? null : Reduction.valueOf(c.text("reduction"));
    }

    /** Adds a "reduction" kwarg: "plain" (the overload without it), or MEAN, SUM, NONE. */
    private static SampleSpace withReduction(SampleSpace base) {
        return (sizes, doms) -> Combinators.combine(base.samples(sizes, doms),
                Arbitraries.of("plain", "MEAN", "SUM", "NONE")).as((s, r) -> s.with("reduction", r));
    }

    /** Adds a Huber "delta": multiples of 1/2, so never within 1/8 of an |x - target| on the shifted quarter grid. */
    private static SampleSpace withDelta(SampleSpace base) {
        return (sizes, doms) -> Combinators.combine(base.samples(sizes, doms), Arbitraries.of(0.5, 1.0, 2.0))
                .as((s, delta) -> s.with("delta", delta));
    }

    /** PyTorch's Huber loss of one difference. */
    private static double huber(double d, double delta) {
        double z = Math.abs(d);
        return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
    }

    /**
     * Broadcasting pairs whose broadcast is not empty: the mean of nothing is NaN (0/0, in PyTorch too), and so
     * is its gradient with respect to the upstream gradient, where a finite difference sees 0.
     */
    private static SampleSpace nonEmptyBroadcast(SampleSpace base) {
        return (sizes, doms) -> base.samples(sizes, doms).filter(s -> org.jgrad.testkit.BroadcastShapes.broadcast(
                List.of(s.operand(0).data().shape(), s.operand(1).data().shape())).numel() > 0);
    }

    private static Tensor prob(int... shape) {
        return f64(shape).mul(0.1);
    }

    private static GradOp activation(String name, UnaryOperator<Tensor> f, ValueDomain d,
            java.util.function.DoubleUnaryOperator ref) {
        return GradOp.builder(name).covers(name + "()").domains(d).samples(ElementwiseSamples.unary())
                .call(GradCall.single(c -> f.apply(c.in(0)))).reference(GradRefs.unary(ref)).build();
    }

    /** x (domain 0), p in {0, 0.3, 0.5, 1}, training, and a generator seed. */
    private static SampleSpace dropout() {
        return (sizes, doms) -> Combinators.combine(Tensors.data(sizes.shapes(), doms.get(0)),
                        Arbitraries.of(0.0, 0.3, 0.5, 1.0), Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 3))
                .as((d, p, training, seed) -> SampleInput.of(Operand.data(d)).with("p", p).with("training", training)
                        .with("seed", seed));
    }

    /**
     * Embedding samples whose padding row is either none or a row no index picks: the padding row gets no
     * gradient by definition (as in PyTorch), which a finite difference cannot show when the row is read.
     */
    private static SampleSpace embedding() {
        return (sizes, doms) -> GradSamples.embedding().samples(sizes, doms).map(s -> {
            int pad = s.integer("paddingIndex");
            for (double v : s.operand(0).data().values()) {
                if (v == pad) {
                    return s.with("paddingIndex", -1);
                }
            }
            return s;
        });
    }
}
