package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.ElementwiseGradEntries.core;
import static org.jgrad.testkit.grad.GradOps.f64;
import static org.jgrad.testkit.grad.GradOps.i64;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.testkit.HostMath;
import org.jgrad.testkit.IndexingSamples;
import org.jgrad.testkit.JoiningSamples;
import org.jgrad.testkit.MovementSamples;
import org.jgrad.testkit.SampleSpace;

/** Entries of movement, indexing, joining, casts, copies and the in-place ops. */
final class StructureGradEntries {
    private StructureGradEntries() {
    }

    static List<GradOp> all() {
        return List.of(
                movement("reshape", MovementSamples.reshape(), c -> c.in(0).reshape(c.ints("shape")), "reshape(int[])")
                        .error("element count differs", () -> f64(2, 3).reshape(4, 2)).build(),
                movement("permute", MovementSamples.permute(), c -> c.in(0).permute(c.ints("order")), "permute(int[])")
                        .error("not a permutation", () -> f64(2, 3).permute(0, 0)).build(),
                movement("expand", MovementSamples.expand(), c -> c.in(0).expand(c.ints("shape")), "expand(int[])")
                        .error("a non-1 dim changes", () -> f64(2, 3).expand(2, 4)).build(),
                movement("slice", MovementSamples.slice(), c -> c.in(0).slice(c.integer("dim"), c.integer("start"),
                        c.integer("end"), c.integer("step")), "slice(int,int,int,int)")
                        .error("step 0", () -> f64(4).slice(0, 0, 4, 0))
                        .error("dim out of range", () -> f64(4).slice(1, 0, 4, 1)).build(),
                movement("flip", MovementSamples.flip(), c -> c.in(0).flip(c.ints("dims")), "flip(int[])")
                        .error("repeated dim", () -> f64(2, 3).flip(1, 1)).build(),
                movement("transpose", MovementSamples.transpose(),
                        c -> c.in(0).transpose(c.integer("d0"), c.integer("d1")), "transpose(int,int)")
                        .error("dim out of range", () -> f64(2, 3).transpose(0, 2)).build(),
                movement("narrow", MovementSamples.narrow(),
                        c -> c.in(0).narrow(c.integer("dim"), c.integer("start"), c.integer("length")),
                        "narrow(int,int,int)")
                        .error("past the end", () -> f64(4).narrow(0, 2, 3)).build(),
                movement("select", MovementSamples.select(), c -> c.in(0).select(c.integer("dim"), c.integer("index")),
                        "select(int,int)")
                        .error("index out of range", () -> f64(2, 3).select(1, 3)).build(),
                movement("squeeze", MovementSamples.squeeze(), c -> c.text("form").equals("all") ? c.in(0).squeeze()
                        : c.in(0).squeeze(c.integer("dim")), "squeeze()", "squeeze(int)")
                        .error("dim out of range", () -> f64(2, 1).squeeze(2)).build(),
                movement("unsqueeze", MovementSamples.unsqueeze(), c -> c.in(0).unsqueeze(c.integer("dim")),
                        "unsqueeze(int)")
                        .error("dim out of range", () -> f64(2, 1).unsqueeze(4)).build(),
                movement("flatten", MovementSamples::anyData, c -> c.in(0).flatten(), "flatten()")
                        .reference(core("flatten")).build(),
                movement("broadcastTo", MovementSamples.broadcastTo(),
                        c -> c.in(0).broadcastTo(Shape.of(c.ints("shape"))), "broadcastTo(Shape)")
                        .error("incompatible shape", () -> f64(2, 3).broadcastTo(Shape.of(3, 3))).build(),
                movement("contiguous", MovementSamples::anyData, c -> c.in(0).contiguous(), "contiguous()").build(),
                movement("copy", MovementSamples::anyData, c -> c.in(0).copy(), "copy()").build(),
                GradOp.builder("cast").covers("to(DType)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWith("dtype", DType.F32, DType.F64))
                        .call(GradCall.single(c -> c.in(0).to(c.dtype("dtype")))).reference(core("cast"))
                        // x on the 2^-10 grid, |x| <= 3: x +- 2^-6 is exact in float32, so the cast is exactly
                        // linear at that step (eps = 1e-6 would be lost to float32 rounding).
                        .gradcheck(GradCheck.Options.DEFAULT.withEps(0x1p-6)).build(),
                GradOp.builder("split").covers("split(int,int)").domains(GradDomains.GENERAL)
                        .samples((sizes, doms) -> JoiningSamples.split().samples(sizes, doms)
                                .filter(s -> s.text("form").equals("size")))
                        .call(c -> c.in(0).split(c.integer("size"), c.integer("dim"))).reference(core("split"))
                        .error("dim out of range", () -> f64(2, 3).split(1, 2)).build(),
                GradOp.builder("concat").covers("concat(int,Tensor[])").domains(GradDomains.GENERAL)
                        .samples(JoiningSamples.concat())
                        .call(GradCall.single(c -> Tensor.concat(c.integer("dim"), c.all()))).reference(core("concat"))
                        .error("other dims differ", () -> Tensor.concat(0, f64(2, 3), f64(2, 2))).build(),

                GradOp.builder("gather").covers("gather(int,Tensor)").domains(GradDomains.GENERAL)
                        .samples(IndexingSamples.gather())
                        .call(GradCall.single(c -> c.in(0).gather(c.integer("dim"), c.in(1)))).reference(core("gather"))
                        .error("index rank differs", () -> f64(2, 3).gather(1, i64(0, 1)))
                        .error("index out of range", () -> f64(2, 3).gather(1, i64(0, 3).reshape(1, 2))).build(),
                GradOp.builder("scatterAdd").covers("scatterAdd(int,Tensor,Tensor)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL).samples(IndexingSamples.scatterAdd())
                        .call(GradCall.single(c -> c.in(0).scatterAdd(c.integer("dim"), c.in(1), c.in(2))))
                        .reference(core("scatterAdd"))
                        .error("index out of range", () -> f64(3).scatterAdd(0, i64(3), f64(1))).build(),
                GradOp.builder("indexSelect").covers("indexSelect(int,Tensor)").domains(GradDomains.GENERAL)
                        // A 0-d input takes exactly one index (PyTorch: "Index to scalar can have only 1 value").
                        .samples((sizes, doms) -> IndexingSamples.indexSelect().samples(sizes, doms).filter(s ->
                                s.operand(0).data().shape().rank() > 0 || s.operand(1).data().numel() == 1))
                        .call(GradCall.single(c -> c.in(0).indexSelect(c.integer("dim"), c.in(1))))
                        .reference(core("indexSelect"))
                        .error("2-d index", () -> f64(3).indexSelect(0, i64(0, 1).reshape(1, 2)))
                        .error("index out of range", () -> f64(3).indexSelect(0, i64(3))).build(),

                inPlace("add_", (a, b) -> a.add_(b), GradDomains.GENERAL, core("add"), "add_(Tensor)"),
                inPlace("sub_", (a, b) -> a.sub_(b), GradDomains.GENERAL, core("sub"), "sub_(Tensor)"),
                inPlace("mul_", (a, b) -> a.mul_(b), GradDomains.GENERAL, core("mul"), "mul_(Tensor)"),
                inPlace("div_", (a, b) -> a.div_(b), GradDomains.NONZERO, core("div"), "div_(Tensor)"),
                inPlace("copy_", (a, b) -> a.copy_(b), GradDomains.GENERAL,
                        (s, t) -> GradRefs.out(GradRefs.zip2(GradRefs.in(s).get(0), GradRefs.in(s).get(1),
                                (x, y) -> y)),
                        "copy_(Tensor)"),
                GradOp.builder("add_.scalar").covers("add_(double)").domains(GradDomains.GENERAL, GradDomains.GENERAL)
                        .samples(org.jgrad.testkit.ElementwiseSamples.scalar("double"))
                        .call(GradCall.single(c -> c.in(0).copy().add_(c.number("scalar"))))
                        .reference(core("add.scalar"))
                        .error("a leaf that requires grad", () -> f64(2).add_(1.0), "add_").build(),
                GradOp.builder("mul_.scalar").covers("mul_(double)").domains(GradDomains.GENERAL, GradDomains.GENERAL)
                        .samples(org.jgrad.testkit.ElementwiseSamples.scalar("double"))
                        .call(GradCall.single(c -> c.in(0).copy().mul_(c.number("scalar"))))
                        .reference(core("mul.scalar"))
                        .error("a leaf that requires grad", () -> f64(2).mul_(2.0), "mul_").build(),
                GradOp.builder("fill_").covers("fill_(double)").domains(GradDomains.GENERAL)
                        .samples(GradSamples.unaryWith("value", -1.5, 0.0, 2.25))
                        .call(GradCall.single(c -> c.in(0).copy().fill_(c.number("value"))))
                        .reference((s, t) -> GradRefs.out(HostMath.map(GradRefs.in(s).get(0), x -> s.number("value"))))
                        .error("a leaf that requires grad", () -> f64(2).fill_(1), "fill_").build(),
                GradOp.builder("zero_").covers("zero_()").domains(GradDomains.GENERAL)
                        .samples(org.jgrad.testkit.ElementwiseSamples.unary())
                        .call(GradCall.single(c -> c.in(0).copy().zero_()))
                        .reference((s, t) -> GradRefs.out(HostMath.map(GradRefs.in(s).get(0), x -> 0)))
                        .error("a leaf that requires grad", () -> f64(2).zero_(), "zero_").build());
    }

    private static GradOp.Builder movement(String name, SampleSpace space, java.util.function.Function<GradContext,
            Tensor> f, String... covers) {
        return GradOp.builder(name).covers(covers).domains(GradDomains.GENERAL).samples(space)
                .call(GradCall.single(f)).reference(core(name));
    }

    private static GradOp inPlace(String name, java.util.function.BinaryOperator<Tensor> f,
            org.jgrad.testkit.ValueDomain other, org.jgrad.testkit.HostReference ref, String covers) {
        // The op runs on a copy: an in-place change of a leaf that requires grad is an error (tested below).
        return GradOp.builder(name).covers(covers).domains(GradDomains.GENERAL, other).samples(GradSamples.inPlace())
                .call(GradCall.single(c -> f.apply(c.in(0).copy(), c.in(1)))).reference(ref)
                .error("a leaf that requires grad", () -> f.apply(f64(2), f64(2)), name)
                .error("the result would need a bigger shape", () -> f.apply(f64(2).copy(), f64(3, 2)), name)
                .build();
    }
}
