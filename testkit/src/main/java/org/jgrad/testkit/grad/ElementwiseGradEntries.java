package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.GradOps.f64;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.jgrad.autograd.Tensor;
import org.jgrad.testkit.CoreOps;
import org.jgrad.testkit.ElementwiseSamples;
import org.jgrad.testkit.HostReference;
import org.jgrad.testkit.SampleSpace;
import org.jgrad.testkit.ValueDomain;

/** Entries of the elementwise primitives and composites (the activations live in {@link NnGradEntries}). */
final class ElementwiseGradEntries {
    private ElementwiseGradEntries() {
    }

    static List<GradOp> all() {
        return List.of(
                unary("neg", Tensor::neg, GradDomains.GENERAL, core("neg")),
                unary("exp", Tensor::exp, GradDomains.EXP, core("exp")),
                unary("log", Tensor::log, GradDomains.POSITIVE, core("log")),
                unary("sin", Tensor::sin, GradDomains.TRIG, core("sin")),
                unary("cos", Tensor::cos, GradDomains.TRIG, core("cos")),
                unary("sqrt", Tensor::sqrt, GradDomains.POSITIVE, core("sqrt")),
                unary("reciprocal", Tensor::reciprocal, GradDomains.NONZERO, core("reciprocal")),
                unary("erf", Tensor::erf, GradDomains.GENERAL, core("erf")),
                unary("abs", Tensor::abs, GradDomains.AWAY_FROM_ZERO, core("abs")),
                unary("square", Tensor::square, GradDomains.GENERAL, GradRefs.unary(x -> x * x)),

                binary("add", Tensor::add, GradDomains.GENERAL, GradDomains.GENERAL),
                binary("sub", Tensor::sub, GradDomains.GENERAL, GradDomains.GENERAL),
                binary("mul", Tensor::mul, GradDomains.GENERAL, GradDomains.GENERAL),
                binary("div", Tensor::div, GradDomains.GENERAL, GradDomains.NONZERO),
                binary("pow", Tensor::pow, GradDomains.POW_BASE, GradDomains.POW_EXPONENT),
                GradOp.builder("maximum").covers("maximum(Tensor)")
                        .domains(GradDomains.QUARTERS, GradDomains.QUARTERS)
                        .samples(GradSamples.shifted(ElementwiseSamples.binary(), 1, 0.125))
                        .call(GradCall.single(c -> c.in(0).maximum(c.in(1)))).reference(core("maximum"))
                        .error("shapes do not broadcast", () -> f64(2, 3).maximum(f64(4))).build(),
                GradOp.builder("minimum").covers("minimum(Tensor)")
                        .domains(GradDomains.QUARTERS, GradDomains.QUARTERS)
                        .samples(GradSamples.shifted(ElementwiseSamples.binary(), 1, 0.125))
                        .call(GradCall.single(c -> c.in(0).minimum(c.in(1)))).reference(core("minimum"))
                        .error("shapes do not broadcast", () -> f64(2, 3).minimum(f64(4))).build(),
                GradOp.builder("where").covers("where(Tensor,Tensor,Tensor)")
                        .domains(GradDomains.GENERAL, GradDomains.GENERAL).samples(ElementwiseSamples.where())
                        .call(GradCall.single(c -> Tensor.where(c.in(0), c.in(1), c.in(2))))
                        .reference(core("where"))
                        .error("condition is not BOOL", () -> Tensor.where(f64(2), f64(2), f64(2)))
                        .error("shapes do not broadcast", () -> Tensor.where(f64(2).gt(f64(2)), f64(3), f64(2)))
                        .build(),

                scalar("add.scalar", "add(double)", (x, s) -> x.add(s), GradDomains.GENERAL, core("add.scalar")),
                scalar("sub.scalar", "sub(double)", (x, s) -> x.sub(s), GradDomains.GENERAL, core("sub.scalar")),
                scalar("mul.scalar", "mul(double)", (x, s) -> x.mul(s), GradDomains.GENERAL, core("mul.scalar")),
                scalar("div.scalar", "div(double)", (x, s) -> x.div(s), GradDomains.NONZERO, core("div.scalar")),
                GradOp.builder("pow.scalar").covers("pow(double)")
                        .domains(GradDomains.POW_BASE, ValueDomain.grid(-2, 3, 0.5))
                        .samples(ElementwiseSamples.scalar("double"))
                        .call(GradCall.single(c -> c.in(0).pow(c.number("scalar")))).reference(core("pow.scalar"))
                        .build(),
                GradOp.builder("clamp").covers("clamp(double,double)").domains(GradDomains.CLAMPED)
                        .samples(GradSamples.clamp())
                        .call(GradCall.single(c -> c.in(0).clamp(c.number("min"), c.number("max"))))
                        .reference((s, t) -> GradRefs.out(org.jgrad.testkit.HostMath.map(GradRefs.in(s).get(0),
                                x -> Math.min(Math.max(x, s.number("min")), s.number("max")))))
                        .error("min > max", () -> f64(3).clamp(1, 0)).build(),
                GradOp.builder("clampMin").covers("clampMin(double)").domains(GradDomains.CLAMPED)
                        .samples(GradSamples.unaryWith("min", -1.5, -0.5, 0.5, 1.5))
                        .call(GradCall.single(c -> c.in(0).clampMin(c.number("min"))))
                        .reference((s, t) -> GradRefs.out(org.jgrad.testkit.HostMath.map(GradRefs.in(s).get(0),
                                x -> Math.max(x, s.number("min"))))).build());
    }

    static HostReference core(String name) {
        return CoreOps.get(name).reference();
    }

    private static GradOp unary(String name, UnaryOperator<Tensor> f, ValueDomain d, HostReference ref) {
        return GradOp.builder(name).covers(name + "()").domains(d).samples(ElementwiseSamples.unary())
                .call(GradCall.single(c -> f.apply(c.in(0)))).reference(ref).build();
    }

    private static GradOp binary(String name, BinaryOperator<Tensor> f, ValueDomain a, ValueDomain b) {
        SampleSpace space = ElementwiseSamples.binary();
        return GradOp.builder(name).covers(name + "(Tensor)").domains(a, b).samples(space)
                .call(GradCall.single(c -> f.apply(c.in(0), c.in(1)))).reference(core(name))
                .error("shapes do not broadcast", () -> f.apply(f64(2, 3), f64(4))).build();
    }

    private interface ScalarFn {
        Tensor apply(Tensor x, double s);
    }

    private static GradOp scalar(String name, String covers, ScalarFn f, ValueDomain scalars, HostReference ref) {
        return GradOp.builder(name).covers(covers).domains(GradDomains.GENERAL, scalars)
                .samples(ElementwiseSamples.scalar("double"))
                .call(GradCall.single(c -> f.apply(c.in(0), c.number("scalar")))).reference(ref).build();
    }
}
