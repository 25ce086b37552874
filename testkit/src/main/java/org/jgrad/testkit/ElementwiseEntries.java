package org.jgrad.testkit;

import static org.jgrad.core.DType.BOOL;
import static org.jgrad.core.DType.F32;
import static org.jgrad.core.DType.F64;
import static org.jgrad.core.DType.I32;
import static org.jgrad.core.DType.I64;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/** Op entries of the elementwise ops: unary, binary, tensor-with-scalar, comparisons, logical ops, where. */
final class ElementwiseEntries {
    private ElementwiseEntries() {
    }

    /** Correctly rounded IEEE ops (+ - * / sqrt 1/x): see {@link Tolerance#ulps}. */
    private static final Tolerance ROUNDED = Tolerance.ulps(2);

    static List<CoreOp> all() {
        return List.of(
                unary("neg", NDArray::neg, Domains.GENERAL_SPECIALS, Tolerance.exact(), x -> -x, false),
                unary("abs", NDArray::abs, Domains.GENERAL_SPECIALS, Tolerance.exact(), Math::abs, false),
                unary("exp", NDArray::exp, Domains.EXP,
                        Tolerance.conditioned(4, "|x|", c -> c.input(0).abs()), Math::exp, true),
                unary("log", NDArray::log, Domains.LOG,
                        Tolerance.ulpsPlusAbsolute(4, "1: log errs about u absolutely near x = 1",
                                c -> NDArray.on(c.referenceBackend()).scalar(1, F64)), Math::log, true),
                unary("sin", NDArray::sin, Domains.TRIG,
                        Tolerance.ulpsPlusAbsolute(4, "1 + |x|: argument reduction", c -> c.input(0).abs().add(1.0)),
                        Math::sin, true),
                unary("cos", NDArray::cos, Domains.TRIG,
                        Tolerance.ulpsPlusAbsolute(4, "1 + |x|: argument reduction", c -> c.input(0).abs().add(1.0)),
                        Math::cos, true),
                unary("sqrt", NDArray::sqrt, Domains.LOG, ROUNDED, Math::sqrt, true),
                unary("reciprocal", NDArray::reciprocal, Domains.DIVISOR, ROUNDED, x -> 1 / x, true),
                // erf: core's series and the host's Simpson sum are two float64 methods, each a few ulps off;
                // the simd backend's float32 kernel (FloatErf) is within 1 float32 ulp (<= 2u) of the exact value.
                unary("erf", NDArray::erf, Domains.TRIG, Tolerance.ulps(8), HostElementwise::erfByQuadrature, true),
                // sigmoid, tanh: float32 kernels within 2.5 and 1 ulp (FloatSigmoid, FloatTanh), plus the
                // reference's own rounding to float32 (0.5 ulp), inside 4.
                unary("sigmoid", NDArray::sigmoid, Domains.GENERAL_SPECIALS, Tolerance.ulps(4),
                        x -> 1 / (1 + Math.exp(-x)), true),
                unary("tanh", NDArray::tanh, Domains.GENERAL_SPECIALS, Tolerance.ulps(4), Math::tanh, true),
                CoreOp.builder("logicalNot", OpKind.UNARY).covers("logicalNot()").dtypes(BOOL)
                        .samples(ElementwiseSamples.unaryMask()).call(OpCall.single(c -> c.in(0).logicalNot()))
                        .reference(HostElementwise.logical(a -> 1 - a[0])).build(),
                CoreOp.builder("isNan", OpKind.UNARY).covers("isNan()").dtypes(F32, F64, I32, I64)
                        .domains(Domains.GENERAL_SPECIALS).samples(ElementwiseSamples.unary())
                        .call(OpCall.single(c -> c.in(0).isNan()))
                        .reference(HostElementwise.logical(a -> Double.isNaN(a[0]) ? 1.0 : 0.0)).build(),

                binary("add", NDArray::add, Domains.GENERAL_SPECIALS, Domains.GENERAL_SPECIALS, ROUNDED,
                        HostElementwise.binary((a, b) -> a + b, (a, b) -> a + b, false, false), F32, F64, I32, I64),
                binary("sub", NDArray::sub, Domains.GENERAL_SPECIALS, Domains.GENERAL_SPECIALS, ROUNDED,
                        HostElementwise.binary((a, b) -> a - b, (a, b) -> a - b, false, false), F32, F64, I32, I64),
                binary("mul", NDArray::mul, Domains.GENERAL_SPECIALS, Domains.GENERAL_SPECIALS, ROUNDED,
                        HostElementwise.binary((a, b) -> a * b, (a, b) -> a * b, false, false), F32, F64, I32, I64),
                binary("div", NDArray::div, Domains.GENERAL, Domains.DIVISOR, ROUNDED,
                        HostElementwise.binary((a, b) -> a / b, (a, b) -> a / b, true, false), F32, F64, I32, I64),
                binary("pow", NDArray::pow, Domains.POW_BASE, Domains.POW_EXPONENT,
                        Tolerance.conditioned(8, "|b ln a|", c -> c.input(1).mul(c.input(0).log()).abs()),
                        HostElementwise.binary(Math::pow, HostMath::intPow, false, false), F32, F64, I32, I64),
                binary("maximum", NDArray::maximum, Domains.TIES, Domains.TIES, Tolerance.exact(),
                        HostElementwise.binary(HostElementwise::max, Math::max, false, true), F32, F64, I32, I64, BOOL),
                binary("minimum", NDArray::minimum, Domains.TIES, Domains.TIES, Tolerance.exact(),
                        HostElementwise.binary(HostElementwise::min, Math::min, false, true), F32, F64, I32, I64, BOOL),

                comparison("lt", NDArray::lt, (a, b) -> a < b ? 1 : 0),
                comparison("gt", NDArray::gt, (a, b) -> a > b ? 1 : 0),
                comparison("le", NDArray::le, (a, b) -> a <= b ? 1 : 0),
                comparison("ge", NDArray::ge, (a, b) -> a >= b ? 1 : 0),
                comparison("eq", NDArray::eq, (a, b) -> a == b ? 1 : 0),
                comparison("ne", NDArray::ne, (a, b) -> a != b ? 1 : 0),
                CoreOp.builder("and", OpKind.BINARY).covers("and(NDArray)").dtypes(BOOL)
                        .samples(ElementwiseSamples.binaryMask()).call(OpCall.single(c -> c.in(0).and(c.in(1))))
                        .reference(HostElementwise.logical(a -> a[0] * a[1])).build(),
                CoreOp.builder("or", OpKind.BINARY).covers("or(NDArray)").dtypes(BOOL)
                        .samples(ElementwiseSamples.binaryMask()).call(OpCall.single(c -> c.in(0).or(c.in(1))))
                        .reference(HostElementwise.logical(a -> Math.max(a[0], a[1]))).build(),
                CoreOp.builder("where", OpKind.TERNARY).covers("where(NDArray,NDArray,NDArray)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.TIES, Domains.GENERAL_SPECIALS)
                        .samples(ElementwiseSamples.where())
                        .call(OpCall.single(c -> NDArray.where(c.in(0), c.in(1), c.in(2))))
                        .reference(HostElementwise.where()).build(),

                scalar("add.scalar", ROUNDED, (x, s, lng) -> lng ? x.add((long) s) : x.add(s),
                        HostElementwise.scalar((a, b) -> a + b, (a, b) -> a + b, false),
                        "add(double)", "add(long)"),
                scalar("sub.scalar", ROUNDED, (x, s, lng) -> x.sub(s),
                        HostElementwise.scalar((a, b) -> a - b, (a, b) -> a - b, false), "sub(double)"),
                scalar("mul.scalar", ROUNDED, (x, s, lng) -> lng ? x.mul((long) s) : x.mul(s),
                        HostElementwise.scalar((a, b) -> a * b, (a, b) -> a * b, false),
                        "mul(double)", "mul(long)"),
                CoreOp.builder("div.scalar", OpKind.SCALAR).covers("div(double)").dtypes(F32, F64, I32, I64)
                        .domains(Domains.GENERAL, Domains.DIVISOR).samples(ElementwiseSamples.scalar("double"))
                        .call(OpCall.single(c -> c.in(0).div(c.number("scalar")))).tolerance(ROUNDED)
                        .reference(HostElementwise.scalar((a, b) -> a / b, (a, b) -> a / b, true)).build(),
                CoreOp.builder("pow.scalar", OpKind.SCALAR).covers("pow(double)").dtypes(F32, F64, I32, I64)
                        .domains(Domains.POW_BASE, Domains.POW_EXPONENT).samples(ElementwiseSamples.scalar("double"))
                        .call(OpCall.single(c -> c.in(0).pow(c.number("scalar"))))
                        .tolerance(Tolerance.conditioned(8, "|b ln a|",
                                c -> c.input(0).log().mul(c.sample().number("scalar")).abs()))
                        .reference(HostElementwise.scalar(Math::pow, HostMath::intPow, false)).build(),
                scalarComparison("lt.scalar", "lt(double)", (x, s) -> x.lt(s), (a, b) -> a < b ? 1 : 0),
                scalarComparison("gt.scalar", "gt(double)", (x, s) -> x.gt(s), (a, b) -> a > b ? 1 : 0),
                scalarComparison("eq.scalar", "eq(double)", (x, s) -> x.eq(s), (a, b) -> a == b ? 1 : 0));
    }

    private static CoreOp unary(String name, Function<NDArray, NDArray> f, ValueDomain domain, Tolerance tol,
            DoubleUnaryOperator ref, boolean needsFloat) {
        return CoreOp.builder(name, OpKind.UNARY).covers(name + "()").dtypes(F32, F64, I32, I64).domains(domain)
                .samples(ElementwiseSamples.unary()).call(OpCall.single(c -> f.apply(c.in(0)))).tolerance(tol)
                .reference(needsFloat ? HostReference.unary(ref, true) : integerSafe(ref, name.equals("neg"))).build();
    }

    /** neg and abs keep integer dtypes; on integers they compute in long (wrapping as Java does). */
    private static HostReference integerSafe(DoubleUnaryOperator f, boolean negate) {
        return (s, t) -> {
            TensorData x = HostReference.inputs(s, t).get(0);
            boolean floating = t == F32 || t == F64;
            DoubleUnaryOperator g = floating ? f : v -> HostMath.narrow(negate ? -(long) v : Math.abs((long) v), t);
            return List.of(Expected.of(HostMath.map(x, g), t));
        };
    }

    private static CoreOp binary(String name, BiFunction<NDArray, NDArray, NDArray> f, ValueDomain a, ValueDomain b,
            Tolerance tol, HostReference ref, DType... dtypes) {
        return CoreOp.builder(name, OpKind.BINARY).covers(name + "(NDArray)").dtypes(dtypes).domains(a, b)
                .samples(ElementwiseSamples.binary()).call(OpCall.single(c -> f.apply(c.in(0), c.in(1))))
                .tolerance(tol).reference(ref).build();
    }

    /** Comparisons of float32-exact values are exact in any precision; NaN compares false (ne: true). */
    private static CoreOp comparison(String name, BiFunction<NDArray, NDArray, NDArray> f, DoubleBinaryOperator ref) {
        return CoreOp.builder(name, OpKind.COMPARISON).covers(name + "(NDArray)").dtypes(F32, F64, I32, I64, BOOL)
                .domains(Domains.TIES, Domains.TIES).samples(ElementwiseSamples.binary())
                .call(OpCall.single(c -> f.apply(c.in(0), c.in(1)))).reference(HostElementwise.comparison(ref)).build();
    }

    private interface ScalarFn {
        NDArray apply(NDArray x, double scalar, boolean longLiteral);
    }

    private static CoreOp scalar(String name, Tolerance tol, ScalarFn f, HostReference ref, String... covers) {
        String[] literals = covers.length > 1 ? new String[] {"double", "long"} : new String[] {"double"};
        return CoreOp.builder(name, OpKind.SCALAR).covers(covers).dtypes(F32, F64, I32, I64)
                .domains(Domains.GENERAL_SPECIALS, Domains.GENERAL).samples(ElementwiseSamples.scalar(literals))
                .call(OpCall.single(c -> f.apply(c.in(0), c.number("scalar"), c.text("literal").equals("long"))))
                .tolerance(tol).reference(ref).build();
    }

    private static CoreOp scalarComparison(String name, String covers, BiFunction<NDArray, Double, NDArray> f,
            DoubleBinaryOperator ref) {
        return CoreOp.builder(name, OpKind.SCALAR).covers(covers).dtypes(F32, F64, I32, I64)
                .domains(Domains.TIES, Domains.TIES).samples(ElementwiseSamples.scalar("double"))
                .call(OpCall.single(c -> f.apply(c.in(0), c.number("scalar"))))
                .reference(HostElementwise.scalarComparison(ref)).build();
    }
}
