package org.jgrad.testkit.grad;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.CheckResult;
import org.jgrad.testkit.Expected;
import org.jgrad.testkit.TensorData;

/**
 * The generic properties of the autograd op database, one method per question, each usable on any
 * {@link GradCase} (ours or a user's). Each returns a {@link CheckResult} naming the op, the case and what
 * differed.
 *
 * <ul>
 * <li>{@link #gradcheck}: first-order gradients vs central differences, float64, reference backend
 * (also checks that every differentiable output was recorded and forward-only outputs were not);</li>
 * <li>{@link #gradgradcheck}: second order, the same way;</li>
 * <li>{@link #float32VsReference}: outputs and gradients of a float32 backend (simd) vs the float64
 * reference backend, within the entry's {@link Float32Tolerance};</li>
 * <li>{@link #forwardVsReference}: float64 outputs vs the entry's independent host implementation;</li>
 * <li>{@link #errors}: every {@link ErrorCase} raises, with a message naming the op.</li>
 * </ul>
 *
 * <pre>{@code
 * @Property(tries = 200)
 * void gradients(@ForAll("cases") GradCase c) {
 *     GradChecks.gradcheck(c).orThrow();
 * }
 * }</pre>
 */
public final class GradChecks {
    /**
     * Float64 outputs vs a host implementation: {@code 1e-11 (|want| + max|want|) + 1e-14}, about 45,000 u
     * normwise. The composite and the host loop use different (each stable) formulas, e.g.
     * {@code max(x,0) + log(1 + exp(-|x|))} vs {@code log1p(exp(x))}.
     */
    public static final Float32Tolerance FORWARD_F64 = new Float32Tolerance(1e-11, 1e-14,
            "float64 composite vs host loop, different stable formulas");

    private static final long V_SEED = 20240611L;

    private GradChecks() {
    }

    private static Backend reference() {
        return Backends.get("reference");
    }

    /** First-order gradcheck in float64 on the reference backend, with the entry's options. */
    public static CheckResult gradcheck(GradCase c) {
        return gradcheck(c, false, c.op().gradcheck());
    }

    /** First-order gradcheck in fast mode (random projections): for larger inputs. */
    public static CheckResult gradcheckFast(GradCase c) {
        return gradcheck(c, false, c.op().gradcheck().fast());
    }

    /** Second-order gradcheck in float64 on the reference backend, with the entry's options. */
    public static CheckResult gradgradcheck(GradCase c) {
        return gradcheck(c, true, c.op().gradcheck());
    }

    private static CheckResult gradcheck(GradCase c, boolean second, GradCheck.Options options) {
        Backend ref = reference();
        String header = "op '" + c.op().name() + "' " + (second ? "gradgradcheck" : "gradcheck") + " ("
                + options + ")\n  case: " + c + "\n  ";
        try {
            GradCase.Inputs in = c.materialize(ref, DType.F64, true);
            List<Tensor> outs = c.call(in.inputs(), ref, DType.F64);
            String recorded = recorded(c.op(), outs, in.inputs());
            if (recorded != null) {
                return CheckResult.fail(header + recorded);
            }
            if (in.inputs().stream().noneMatch(Tensor::requiresGrad)) {
                return CheckResult.pass(header + "no input requires grad");
            }
            GradCheck.Result r = second
                    ? GradCheck.gradGradCheckOutputs(xs -> c.call(xs, ref, DType.F64), in.inputs(), options)
                    : GradCheck.checkOutputs(xs -> c.call(xs, ref, DType.F64), in.inputs(), options);
            return r.passed() ? CheckResult.pass(header + r.report()) : CheckResult.fail(header + r.report());
        } catch (RuntimeException e) {
            return CheckResult.fail(header + "raised " + trace(e));
        }
    }

    /** Null when every floating output requires grad except the declared forward-only ones, which must not. */
    static String recorded(GradOp op, List<Tensor> outs, List<Tensor> inputs) {
        boolean any = inputs.stream().anyMatch(Tensor::requiresGrad);
        for (int o = 0; o < outs.size(); o++) {
            Tensor y = outs.get(o);
            boolean only = op.forwardOnly().contains(o);
            if (any && !only && y.dtype().isFloating() && !y.requiresGrad()) {
                return "output " + o + " " + y.shape() + " does not require grad although an input does: the op"
                        + " was not recorded";
            }
            if (only && y.requiresGrad()) {
                return "output " + o + " is declared forward-only but requires grad";
            }
        }
        return null;
    }

    /**
     * Outputs and input gradients of {@code tested} in float32 vs the reference backend in float64, for the
     * same inputs and the same upstream gradient (random, float32-exact).
     */
    public static CheckResult float32VsReference(GradCase c, Backend tested) {
        String header = "op '" + c.op().name() + "' float32 on " + tested.name() + " vs float64 reference (tolerance "
                + c.op().float32() + ")\n  case: " + c + "\n  ";
        try {
            Run want = run(c, reference(), DType.F64);
            Run got = run(c, tested, DType.F32);
            StringBuilder problems = new StringBuilder();
            compare("output", got.outputs, want.outputs, c.op().float32(), problems);
            compare("gradient of input", got.grads, want.grads, c.op().float32(), problems);
            return problems.isEmpty() ? CheckResult.pass(header + "agree") : CheckResult.fail(header + problems);
        } catch (RuntimeException e) {
            return CheckResult.fail(header + "raised " + trace(e));
        }
    }

    private record Run(List<double[]> outputs, List<double[]> grads, List<String> shapes) {
    }

    private static Run run(GradCase c, Backend backend, DType dtype) {
        GradCase.Inputs in = c.materialize(backend, dtype, true);
        List<Tensor> outs = c.call(in.inputs(), backend, dtype);
        List<double[]> values = new ArrayList<>();
        List<String> shapes = new ArrayList<>();
        List<Tensor> ys = new ArrayList<>();
        List<Tensor> vs = new ArrayList<>();
        Random random = new Random(V_SEED);
        for (Tensor y : outs) {
            values.add(y.toDoubleArray());
            shapes.add(y.shape() + " " + (y.dtype().isFloating() ? "floating" : y.dtype()));
            if (y.requiresGrad()) {
                ys.add(y);
                vs.add(Tensor.of(GradCheck.randomData(y.shape(), random).on(backend, y.dtype())));
            }
        }
        List<Tensor> diff = in.inputs().stream().filter(Tensor::requiresGrad).toList();
        List<Tensor> g = GradCheck.vjp(ys, diff, vs, false);
        List<double[]> grads = new ArrayList<>();
        for (int k = 0; k < diff.size(); k++) {
            grads.add(g.get(k) == null ? new double[diff.get(k).numel()] : g.get(k).toDoubleArray());
        }
        return new Run(values, grads, shapes);
    }

    private static void compare(String what, List<double[]> got, List<double[]> want, Float32Tolerance tol,
            StringBuilder problems) {
        if (got.size() != want.size()) {
            problems.append("\n  ").append(got.size()).append(" ").append(what).append("s, expected ")
                    .append(want.size());
            return;
        }
        for (int k = 0; k < got.size(); k++) {
            double[] g = got.get(k);
            double[] w = want.get(k);
            if (g.length != w.length) {
                problems.append("\n  ").append(what).append(' ').append(k).append(": ").append(g.length)
                        .append(" elements, expected ").append(w.length);
                continue;
            }
            double[] b = tol.bounds(w);
            int shown = 0;
            for (int i = 0; i < g.length; i++) {
                if (!close(g[i], w[i], b[i]) && shown++ < 4) {
                    problems.append("\n  ").append(what).append(' ').append(k).append(" at flat ").append(i)
                            .append(": got ").append(g[i]).append(", expected ").append(w[i]).append(" (|diff| ")
                            .append(Math.abs(g[i] - w[i])).append(" > bound ").append(b[i]).append(')');
                }
            }
        }
    }

    private static boolean close(double got, double want, double bound) {
        if (got == want || (Double.isNaN(got) && Double.isNaN(want))) {
            return true;
        }
        if (!Double.isFinite(got) || !Double.isFinite(want)) {
            return false;
        }
        return Math.abs(got - want) <= bound;
    }

    /** Float64 outputs on the reference backend vs the entry's host reference (pass when it has none). */
    public static CheckResult forwardVsReference(GradCase c) {
        String header = "op '" + c.op().name() + "' float64 forward vs host reference (tolerance " + FORWARD_F64
                + ")\n  case: " + c + "\n  ";
        if (c.op().reference() == null) {
            return CheckResult.pass(header + "no reference");
        }
        Backend ref = reference();
        GradCase.Inputs in = c.materialize(ref, DType.F64, false);
        List<Expected> expected;
        try {
            expected = c.op().reference().expected(in.shown(), DType.F64);
        } catch (RuntimeException e) {
            try {
                List<Tensor> outs = c.call(in.inputs(), ref, DType.F64);
                return CheckResult.fail(header + "the reference raised " + e + " but the op returned " + outs.size()
                        + " output(s)");
            } catch (RuntimeException opError) {
                return CheckResult.pass(header + "both raised");
            }
        }
        List<Tensor> outs;
        try {
            outs = c.call(in.inputs(), ref, DType.F64);
        } catch (RuntimeException e) {
            return CheckResult.fail(header + "raised " + trace(e));
        }
        if (outs.size() != expected.size()) {
            return CheckResult.fail(header + outs.size() + " outputs, expected " + expected.size());
        }
        StringBuilder problems = new StringBuilder();
        for (int o = 0; o < outs.size(); o++) {
            Tensor y = outs.get(o);
            TensorData w = expected.get(o).values();
            if (!y.shape().equals(w.shape()) || y.dtype() != expected.get(o).dtype()) {
                problems.append("\n  output ").append(o).append(": ").append(y.shape()).append(' ').append(y.dtype())
                        .append(", expected ").append(w.shape()).append(' ').append(expected.get(o).dtype());
                continue;
            }
            double[] g = y.toDoubleArray();
            double[] wv = w.values();
            double[] b = FORWARD_F64.bounds(wv);
            int shown = 0;
            for (int i = 0; i < g.length; i++) {
                if (!close(g[i], wv[i], b[i]) && shown++ < 4) {
                    problems.append("\n  output ").append(o).append(" at ")
                            .append(Arrays.toString(TensorData.multiIndex(w.shape(), i))).append(": got ").append(g[i])
                            .append(", expected ").append(wv[i]);
                }
            }
        }
        return problems.isEmpty() ? CheckResult.pass(header + "agree") : CheckResult.fail(header + problems);
    }

    /** Every error case of {@code op} raises a non-crash exception whose message contains the expected text. */
    public static CheckResult errors(GradOp op) {
        StringBuilder problems = new StringBuilder();
        for (ErrorCase e : op.errors()) {
            try {
                Object r = e.call().get();
                problems.append("\n  ").append(e).append(": returned ").append(r).append(" instead of raising");
            } catch (RuntimeException ex) {
                if (isCrash(ex)) {
                    problems.append("\n  ").append(e).append(": crashed with ").append(trace(ex));
                } else if (ex.getMessage() == null || !ex.getMessage().contains(e.expected())) {
                    problems.append("\n  ").append(e).append(": the message does not name '").append(e.expected())
                            .append("': ").append(ex);
                }
            }
        }
        String header = "op '" + op.name() + "': " + op.errors().size() + " error case(s)";
        return problems.isEmpty() ? CheckResult.pass(header + " raise") : CheckResult.fail(header + problems);
    }

    /** Exceptions that signal a bug rather than a rejected input. */
    static boolean isCrash(Throwable e) {
        return e instanceof NullPointerException || e instanceof ArrayIndexOutOfBoundsException
                || e instanceof StringIndexOutOfBoundsException || e instanceof ClassCastException
                || e instanceof NegativeArraySizeException || e instanceof ArrayStoreException
                || e instanceof UnsupportedOperationException;
    }

    /** Everything that applies to {@code c}: forward vs reference, gradcheck, gradgradcheck, float32 vs reference. */
    public static CheckResult all(GradCase c, Backend float32Backend) {
        StringBuilder report = new StringBuilder();
        List<CheckResult> results = new ArrayList<>();
        GradOp op = c.op();
        if (!op.skips(GradProperty.FORWARD_VS_REFERENCE)) {
            results.add(forwardVsReference(c));
        }
        if (!op.skips(GradProperty.GRADCHECK)) {
            results.add(gradcheck(c));
        }
        if (!op.skips(GradProperty.GRADGRADCHECK)) {
            results.add(gradgradcheck(c));
        }
        if (!op.skips(GradProperty.FLOAT32_VS_REFERENCE) && float32Backend != null) {
            results.add(float32VsReference(c, float32Backend));
        }
        boolean passed = true;
        for (CheckResult r : results) {
            if (!r.passed()) {
                passed = false;
                report.append(r.report()).append('\n');
            }
        }
        return passed ? CheckResult.pass(c.op().name() + ": " + results.size() + " checks passed")
                : CheckResult.fail(report.toString());
    }

    private static String trace(RuntimeException e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        return String.join("\n    ", Arrays.copyOf(lines, Math.min(lines.length, 8)));
    }
}
