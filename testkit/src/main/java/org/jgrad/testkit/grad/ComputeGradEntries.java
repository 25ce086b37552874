package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.ElementwiseGradEntries.core;
import static org.jgrad.testkit.grad.GradOps.f64;

import java.util.List;
import org.jgrad.testkit.MatmulSamples;
import org.jgrad.testkit.ReductionSamples;
import org.jgrad.testkit.SampleSpace;

/** Entries of reductions (primitive and composite) and linear algebra. */
final class ComputeGradEntries {
    private ComputeGradEntries() {
    }

    static List<GradOp> all() {
        SampleSpace sums = ReductionSamples.reduction(false, "all", "axes");
        return List.of(
                GradOp.builder("sum").covers("sum()", "sum(int[],boolean)").domains(GradDomains.GENERAL)
                        .samples(sums)
                        .call(GradCall.single(c -> c.text("form").equals("all") ? c.in(0).sum()
                                : c.in(0).sum(c.ints("axes"), c.flag("keepdim"))))
                        .reference(core("sum"))
                        .error("axis out of range", () -> f64(2, 3).sum(new int[] {2}, false))
                        .error("repeated axis", () -> f64(2, 3).sum(new int[] {1, -1}, false)).build(),
                GradOp.builder("amax").covers("amax()", "amax(int[],boolean)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.distinct(ReductionSamples.reduction(true, "all", "axes"), 0, 0.25))
                        .noExpandedViews()
                        .call(GradCall.single(c -> c.text("form").equals("all") ? c.in(0).amax()
                                : c.in(0).amax(c.ints("axes"), c.flag("keepdim"))))
                        .reference(core("max"))
                        .error("reduces a dim of size 0", () -> f64(2, 0).amax(new int[] {1}, false))
                        .error("axis out of range", () -> f64(2, 3).amax(new int[] {-3}, true)).build(),
                GradOp.builder("mean").covers("mean()", "mean(int[],boolean)").domains(GradDomains.GENERAL)
                        .samples(sums)
                        .call(GradCall.single(c -> c.text("form").equals("all") ? c.in(0).mean()
                                : c.in(0).mean(c.ints("axes"), c.flag("keepdim"))))
                        .reference(GradRefs.mean())
                        .error("axis out of range", () -> f64(2, 3).mean(new int[] {2}, false)).build(),
                GradOp.builder("var").covers("var(int[],int,boolean)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.distinct(GradSamples.withCorrection(
                                ReductionSamples.reduction(true, "all", "axes")), 0, 0.25))
                        .noExpandedViews()
                        .call(GradCall.single(c -> c.text("form").equals("all")
                                ? c.in(0).var(null, c.integer("correction"), false)
                                : c.in(0).var(c.ints("axes"), c.integer("correction"), c.flag("keepdim"))))
                        .reference(GradRefs.var(false))
                        .error("axis out of range", () -> f64(2, 3).var(new int[] {3}, 1, false)).build(),
                GradOp.builder("std").covers("std(int[],int,boolean)").domains(GradDomains.GENERAL)
                        .samples(stdSamples())
                        .noExpandedViews()
                        .call(GradCall.single(c -> c.text("form").equals("all")
                                ? c.in(0).std(null, c.integer("correction"), false)
                                : c.in(0).std(c.ints("axes"), c.integer("correction"), c.flag("keepdim"))))
                        .reference(GradRefs.var(true))
                        .error("axis out of range", () -> f64(2, 3).std(new int[] {3}, 1, false)).build(),
                GradOp.builder("logsumexp").covers("logsumexp(int[],boolean)").domains(GradDomains.GENERAL)
                        .samples(sums)
                        .call(GradCall.single(c -> c.text("form").equals("all") ? c.in(0).logsumexp(null, false)
                                : c.in(0).logsumexp(c.ints("axes"), c.flag("keepdim"))))
                        .reference(GradRefs.logsumexp())
                        .error("axis out of range", () -> f64(2, 3).logsumexp(new int[] {2}, false)).build(),
                GradOp.builder("norm").covers("norm()").domains(GradDomains.AWAY_FROM_ZERO)
                        .samples(org.jgrad.testkit.ElementwiseSamples.unary())
                        .call(GradCall.single(c -> c.in(0).norm())).reference(GradRefs.norm()).build(),
                GradOp.builder("norm.p").covers("norm(double,int[],boolean)").domains(GradDomains.AWAY_FROM_ZERO)
                        .samples((sizes, doms) -> ReductionSamples.reduction(false, "axes").samples(sizes, doms)
                                .flatMap(s -> net.jqwik.api.Arbitraries.of(1.0, 1.5, 2.0, 3.0)
                                        .map(p -> s.with("p", p))))
                        .call(GradCall.single(c -> c.in(0).norm(c.number("p"), c.ints("axes"), c.flag("keepdim"))))
                        .reference(GradRefs.norm())
                        .error("axis out of range", () -> f64(2, 3).norm(2, new int[] {5}, false), "norm").build(),

                GradOp.builder("matmul").covers("matmul(Tensor)").domains(GradDomains.GENERAL, GradDomains.GENERAL)
                        .samples(MatmulSamples.matmul()).call(GradCall.single(c -> c.in(0).matmul(c.in(1))))
                        .reference(core("matmul"))
                        .error("inner dims differ", () -> f64(2, 3).matmul(f64(4, 2)))
                        .error("0-d operand", () -> f64().matmul(f64(2))).build(),
                GradOp.builder("matmulBatched").covers("matmulBatched(Tensor)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL)
                        .samples((sizes, doms) -> MatmulSamples.matmul().samples(sizes, doms)
                                .filter(s -> s.text("form").equals("2d.2d") || s.text("form").equals("batched")))
                        .call(GradCall.single(c -> c.in(0).matmulBatched(c.in(1)))).reference(core("matmul"))
                        .error("inner dims differ", () -> f64(2, 2, 3).matmulBatched(f64(4, 2)), "matmul")
                        .error("batch dims do not broadcast", () -> f64(2, 2, 3).matmulBatched(f64(3, 3, 2)), "matmul")
                        .build(),
                GradOp.builder("linear").covers("linear(Tensor,Tensor)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.linear())
                        .call(GradCall.single(c -> c.in(0).linear(c.in(1), c.optional(2))))
                        .reference(GradRefs.linear())
                        .error("in-features differ", () -> f64(2, 3).linear(f64(4, 2), null))
                        .error("bias of the wrong size", () -> f64(2, 3).linear(f64(4, 3), f64(3))).build());
    }

    /** var's samples, with at least two reduced elements (std has an infinite derivative at variance 0). */
    private static SampleSpace stdSamples() {
        SampleSpace base = GradSamples.distinct(GradSamples.withCorrection(
                ReductionSamples.reduction(true, "all", "axes")), 0, 0.25);
        return (sizes, doms) -> base.samples(sizes, doms).filter(s -> GradSamples.reducedCount(s) >= 2);
    }
}
