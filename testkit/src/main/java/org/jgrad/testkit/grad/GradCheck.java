package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Shape;
import org.jgrad.testkit.TensorData;

/**
 * Checks analytic gradients against finite differences, as {@code torch.autograd.gradcheck} and
 * {@code gradgradcheck} do.
 *
 * <p><b>First order.</b> For every input that {@linkplain Tensor#requiresGrad() requires grad} and every
 * element of it, the numeric derivative of every output element is the central difference
 * {@code (f(x + eps e_j) - f(x - eps e_j)) / 2 eps}; the analytic one comes from the engine
 * ({@link Autograd#grad} with a one-hot gradient per output element). Entry by entry they must satisfy
 * {@code |analytic - numeric| <= atol + rtol |numeric|}, with PyTorch's defaults {@code eps = 1e-6},
 * {@code atol = 1e-5}, {@code rtol = 1e-3}. Run it in float64: a central difference has truncation error
 * {@code O(eps^2 |f'''|)} and rounding error {@code O(u |f| / eps)}, about {@code 1e-10 |f|} in float64
 * but {@code 6e-2 |f|} in float32, where gradcheck cannot tell right from wrong.
 *
 * <p><b>Fast mode</b> ({@link Options#fast()}): instead of the whole Jacobian {@code J}, compares
 * {@code v^T J u} for random unit vectors {@code u} (one per input) and {@code v} (over the outputs): one
 * backward and two forwards per input instead of one backward per output element and two forwards per
 * input element. On a mismatch it computes the full Jacobian of the failing input (when it has at most
 * {@value #FAST_FALLBACK_LIMIT} elements) to name the element.
 *
 * <p><b>Second order</b> ({@link #gradGradCheck}): the first-order check applied to
 * {@code (x, v) -> J(x)^T v}, the vector-Jacobian product computed with {@code createGraph}, for a random
 * {@code v} that itself requires grad. It fails when a gradient rule is right but not differentiable again
 * (a rule computed on detached values, say).
 *
 * <p>Inputs may be non-contiguous views: the analytic gradient is computed on them as given, the numeric
 * one on dense perturbed copies, so a layout-dependent bug shows as a mismatch too. Outputs that do not
 * require grad (integer results, values computed under no-grad) are not differentiated, as in PyTorch;
 * inputs the outputs do not depend on have a zero gradient.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[][] {{0.5, -1.2}, {2.0, 0.3}}).requiresGrad(true);
 * Tensor w = Tensor.of(new double[] {1.5, -0.7}).requiresGrad(true);
 * GradCheck.check(in -> in.get(0).mul(in.get(1)).tanh().sum(new int[] {1}, false), List.of(x, w)).orThrow();
 * GradCheck.gradGradCheck(in -> in.get(0).mul(in.get(1)).tanh(), List.of(x, w)).orThrow();
 * GradCheck.check(f, bigInputs, GradCheck.Options.DEFAULT.fast()).orThrow();   // random projections
 *
 * // A failure reads:
 * // gradcheck failed: 2 of 8 Jacobian entries differ (eps 1.0E-6, atol 1.0E-5, rtol 0.001)
 * //   input 1 [2] F64 element [0] -> output 0 element [1]: analytic 0.31 vs numeric 0.62, error 0.31 > allowed 6.3E-4
 * }</pre>
 */
public final class GradCheck {
    /** In fast mode, a failing input with at most this many elements gets its full Jacobian for the report. */
    public static final int FAST_FALLBACK_LIMIT = 256;

    private GradCheck() {
    }

    /** How the check is run. */
    public enum Mode {
        /** The whole Jacobian, entry by entry. */
        FULL,
        /** Random projections {@code v^T J u}. */
        FAST
    }

    /**
     * Settings of a check.
     *
     * @param eps         the finite-difference step
     * @param atol        absolute tolerance
     * @param rtol        relative tolerance (relative to the numeric value)
     * @param mode        full Jacobian or random projections
     * @param projections random projections per input in fast mode
     * @param seed        seeds the projections and, in {@link #gradGradCheck}, the vector {@code v}
     * @param maxReported how many mismatching entries the report lists
     */
    public record Options(double eps, double atol, double rtol, Mode mode, int projections, long seed,
            int maxReported) {
        /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3, full Jacobian. */
        public static final Options DEFAULT = new Options(1e-6, 1e-5, 1e-3, Mode.FULL, 2, 42, 6);

        public Options {
            if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0) || projections < 1 || maxReported < 1) {
                throw new IllegalArgumentException("GradCheck.Options: need eps > 0, atol >= 0, rtol >= 0,"
                        + " projections >= 1, maxReported >= 1");
            }
        }

        public Options withEps(double e) {
            return new Options(e, atol, rtol, mode, projections, seed, maxReported);
        }

        public Options withTolerance(double absolute, double relative) {
            return new Options(eps, absolute, relative, mode, projections, seed, maxReported);
        }

        /** Random-projection mode. */
        public Options fast() {
            return new Options(eps, atol, rtol, Mode.FAST, projections, seed, maxReported);
        }

        /** Full-Jacobian mode. */
        public Options full() {
            return new Options(eps, atol, rtol, Mode.FULL, projections, seed, maxReported);
        }

        public Options withProjections(int n) {
            return new Options(eps, atol, rtol, mode, n, seed, maxReported);
        }

        public Options withSeed(long s) {
            return new Options(eps, atol, rtol, mode, projections, s, maxReported);
        }

        /** True when {@code analytic} is acceptable for {@code numeric}. */
        public boolean close(double analytic, double numeric) {
            return Math.abs(analytic - numeric) <= allowed(numeric);
        }

        /** {@code atol + rtol |numeric|}. */
        public double allowed(double numeric) {
            return atol + rtol * Math.abs(numeric);
        }

        @Override
        public String toString() {
            return "eps " + eps + ", atol " + atol + ", rtol " + rtol + (mode == Mode.FAST ? ", fast mode with "
                    + projections + " projection(s)" : "");
        }
    }

    /**
     * One Jacobian entry (or, in fast mode without element detail, one projection) where analytic and
     * numeric derivatives differ.
     *
     * @param input         index of the differentiated input (in {@link #gradGradCheck}: inputs first, then the
     *                      vectors {@code v}, one per differentiable output)
     * @param inputLabel    e.g. {@code "input 1 [2, 3] F64"}
     * @param inputElement  multi-index of the perturbed element, or null for a projection
     * @param output        index of the output, or -1 for a projection
     * @param outputElement multi-index of the output element, or null for a projection
     * @param analytic      the engine's derivative
     * @param numeric       the central difference
     * @param allowed       {@code atol + rtol |numeric|}
     */
    public record Mismatch(int input, String inputLabel, int[] inputElement, int output, int[] outputElement,
            double analytic, double numeric, double allowed) {

        /** {@code |analytic - numeric|} (NaN when either is NaN). */
        public double error() {
            return Math.abs(analytic - numeric);
        }

        @Override
        public String toString() {
            String where = inputElement == null ? inputLabel + " (random projection v^T J u)"
                    : inputLabel + " element " + Arrays.toString(inputElement) + " -> output " + output
                            + " element " + Arrays.toString(outputElement);
            return where + ": analytic " + analytic + " vs numeric " + numeric + ", error " + error() + " > allowed "
                    + (float) allowed;
        }
    }

    /**
     * The verdict: passed, or failed with the mismatching entries and a report naming input, element,
     * analytic and numeric values and the error.
     *
     * @param passed     true when every entry agrees
     * @param order      1 for gradcheck, 2 for gradgradcheck
     * @param mismatches the first mismatching entries (at most {@link Options#maxReported()})
     * @param report     a readable summary
     */
    public record Result(boolean passed, int order, List<Mismatch> mismatches, String report) {
        public Result {
            mismatches = List.copyOf(mismatches);
        }

        /** Throws a {@link GradCheckFailure} with the report when the check failed; returns this otherwise. */
        public Result orThrow() {
            if (!passed) {
                throw new GradCheckFailure(this);
            }
            return this;
        }
    }

    /** Thrown by {@link Result#orThrow()}: an assertion failure carrying the {@link Result}. */
    public static final class GradCheckFailure extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        public GradCheckFailure(Result result) {
            super(result.report());
            this.result = result;
        }

        public Result result() {
            return result;
        }
    }

    // ------------------------------------------------------------------ entry points

    /** First-order check of a one-output function with the default options. */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return check(f, inputs, Options.DEFAULT);
    }

    /** First-order check of a one-output function. */
    public static Result check(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
        return checkOutputs(single(f), inputs, options);
    }

    /** First-order check of a function with several outputs (e.g. {@code split}). */
    public static Result checkOutputs(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs,
            Options options) {
        return run(f, inputs, options, 1, false, labels(inputs, inputs.size(), List.of()));
    }

    /** Second-order check of a one-output function with the default options. */
    public static Result gradGradCheck(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        return gradGradCheck(f, inputs, Options.DEFAULT);
    }

    /** Second-order check of a one-output function. */
    public static Result gradGradCheck(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, Options options) {
        return gradGradCheckOutputs(single(f), inputs, options);
    }

    /**
     * Second-order check: first-order check of {@code (x, v) -> J(x)^T v} (one output per differentiable
     * input: its gradient), with {@code v} random, seeded by {@link Options#seed()}, requiring grad.
     */
    public static Result gradGradCheckOutputs(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs,
            Options options) {
        List<Integer> diff = differentiable(inputs);
        List<Tensor> outs = f.apply(inputs);
        List<Integer> outIdx = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            if (outs.get(o).requiresGrad()) {
                outIdx.add(o);
            }
        }
        Random random = new Random(options.seed() ^ 0x5eedL);
        List<Tensor> vs = new ArrayList<>();
        for (int o : outIdx) {
            Tensor y = outs.get(o);
            vs.add(Tensor.of(randomData(y.shape(), random).on(y.backend(), y.dtype())).requiresGrad(true));
        }
        int n = inputs.size();
        Function<List<Tensor>, List<Tensor>> vjp = all -> {
            List<Tensor> xs = all.subList(0, n);
            List<Tensor> v = all.subList(n, all.size());
            List<Tensor> ys = f.apply(xs);
            List<Tensor> picked = new ArrayList<>();
            List<Tensor> pickedV = new ArrayList<>();
            for (int k = 0; k < outIdx.size(); k++) {
                Tensor y = ys.get(outIdx.get(k));
                if (y.requiresGrad()) {
                    picked.add(y);
                    pickedV.add(v.get(k));
                }
            }
            List<Tensor> diffXs = diff.stream().map(xs::get).toList();
            List<Tensor> grads = vjp(picked, diffXs, pickedV, true);
            List<Tensor> result = new ArrayList<>();
            for (int i = 0; i < grads.size(); i++) {
                Tensor g = grads.get(i);
                Tensor x = diffXs.get(i);
                result.add(g != null ? g : Tensor.zeros(x.dtype(), x.shape().toArray()));
            }
            return result;
        };
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(vs);
        List<String> vLabels = new ArrayList<>();
        for (int k = 0; k < outIdx.size(); k++) {
            vLabels.add("v (gradient of output " + outIdx.get(k) + ") " + outs.get(outIdx.get(k)).shape());
        }
        return run(vjp, all, options, 2, true, labels(inputs, n, vLabels));
    }

    // ------------------------------------------------------------------ the check

    private static Result run(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, Options options,
            int order, boolean allFloatingOutputs, List<String> labels) {
        List<Integer> diff = differentiable(inputs);
        List<Tensor> outs = f.apply(inputs);
        List<Integer> outIdx = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            Tensor y = outs.get(o);
            if (y.requiresGrad() || (allFloatingOutputs && y.dtype().isFloating())) {
                outIdx.add(o);
            }
        }
        String name = order == 1 ? "gradcheck" : "gradgradcheck";
        String shapeProblem = checkGradientShapes(outs, outIdx, inputs, diff, labels);
        if (shapeProblem != null) {
            return new Result(false, order, List.of(), name + " failed: " + shapeProblem);
        }
        List<Mismatch> mismatches = new ArrayList<>();
        int[] counts = new int[2]; // [compared, mismatching]
        if (options.mode() == Mode.FULL) {
            double[][][] analytic = analyticJacobian(outs, outIdx, inputs, diff);
            for (int k = 0; k < diff.size(); k++) {
                compareInput(f, inputs, diff.get(k), outs, outIdx, analytic[k], options, labels, mismatches, counts);
            }
        } else {
            fastCheck(f, inputs, diff, outs, outIdx, options, labels, mismatches, counts);
        }
        if (counts[1] == 0) {
            return new Result(true, order, List.of(), name + " passed: " + counts[0] + " "
                    + (options.mode() == Mode.FULL ? "Jacobian entries" : "projections") + " agree (" + options + ")");
        }
        StringBuilder sb = new StringBuilder(name).append(" failed: ").append(counts[1]).append(" of ")
                .append(counts[0]).append(options.mode() == Mode.FULL ? " Jacobian entries" : " entries/projections")
                .append(" differ (").append(options).append(')');
        for (Mismatch m : mismatches) {
            sb.append("\n  ").append(m);
        }
        if (counts[1] > mismatches.size()) {
            sb.append("\n  ... ").append(counts[1] - mismatches.size()).append(" more");
        }
        return new Result(false, order, mismatches, sb.toString());
    }

    /** Runs one backward to check that every gradient has its input's shape and dtype. */
    private static String checkGradientShapes(List<Tensor> outs, List<Integer> outIdx, List<Tensor> inputs,
            List<Integer> diff, List<String> labels) {
        List<Tensor> ys = new ArrayList<>();
        List<Tensor> gs = new ArrayList<>();
        for (int o : outIdx) {
            Tensor y = outs.get(o);
            if (y.requiresGrad()) {
                ys.add(y);
                gs.add(Tensor.of(y.creation().ones(y.dtype(), y.shape().toArray())));
            }
        }
        List<Tensor> grads = vjp(ys, diff.stream().map(inputs::get).toList(), gs, false);
        for (int k = 0; k < diff.size(); k++) {
            Tensor g = grads.get(k);
            Tensor x = inputs.get(diff.get(k));
            if (g != null && (!g.shape().equals(x.shape()) || g.dtype() != x.dtype())) {
                return "the gradient of " + labels.get(diff.get(k)) + " has shape " + g.shape() + " and dtype "
                        + g.dtype() + "; expected the input's " + x.shape() + " " + x.dtype();
            }
        }
        return null;
    }

    /** analytic[k][outRow][inElement] for differentiable input k; rows run over the selected outputs' elements. */
    private static double[][][] analyticJacobian(List<Tensor> outs, List<Integer> outIdx, List<Tensor> inputs,
            List<Integer> diff) {
        int rows = 0;
        for (int o : outIdx) {
            rows += outs.get(o).numel();
        }
        List<Tensor> diffInputs = diff.stream().map(inputs::get).toList();
        double[][][] jac = new double[diff.size()][rows][];
        for (int k = 0; k < diff.size(); k++) {
            for (int r = 0; r < rows; r++) {
                jac[k][r] = new double[diffInputs.get(k).numel()];
            }
        }
        int row = 0;
        for (int o : outIdx) {
            Tensor y = outs.get(o);
            int m = y.numel();
            if (!y.requiresGrad()) {
                row += m; // a constant output: zero rows
                continue;
            }
            for (int e = 0; e < m; e++) {
                double[] hot = new double[m];
                hot[e] = 1;
                Tensor oneHot = Tensor.of(new TensorData(y.shape(), hot).on(y.backend(), y.dtype()));
                List<Tensor> g = vjp(List.of(y), diffInputs, List.of(oneHot), false);
                for (int k = 0; k < diff.size(); k++) {
                    if (g.get(k) != null) {
                        jac[k][row] = g.get(k).toDoubleArray();
                    }
                }
                row++;
            }
        }
        return jac;
    }

    /** Numeric Jacobian columns of input {@code i}, compared with the analytic ones as they are computed. */
    private static void compareInput(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, int i,
            List<Tensor> outs, List<Integer> outIdx, double[][] analytic, Options options, List<String> labels,
            List<Mismatch> mismatches, int[] counts) {
        Tensor x = inputs.get(i);
        double[] base = x.toDoubleArray();
        for (int j = 0; j < base.length; j++) {
            double[] plus = evaluate(f, inputs, i, perturb(base, j, options.eps()), outIdx);
            double[] minus = evaluate(f, inputs, i, perturb(base, j, -options.eps()), outIdx);
            int row = 0;
            for (int o : outIdx) {
                Shape os = outs.get(o).shape();
                for (int e = 0; e < os.numel(); e++, row++) {
                    double numeric = (plus[row] - minus[row]) / (2 * options.eps());
                    double a = analytic[row][j];
                    counts[0]++;
                    if (!options.close(a, numeric)) {
                        counts[1]++;
                        if (mismatches.size() < options.maxReported()) {
                            mismatches.add(new Mismatch(i, labels.get(i), TensorData.multiIndex(x.shape(), j), o,
                                    TensorData.multiIndex(os, e), a, numeric, options.allowed(numeric)));
                        }
                    }
                }
            }
        }
    }

    private static void fastCheck(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, List<Integer> diff,
            List<Tensor> outs, List<Integer> outIdx, Options options, List<String> labels, List<Mismatch> mismatches,
            int[] counts) {
        Random random = new Random(options.seed());
        List<Tensor> diffInputs = diff.stream().map(inputs::get).toList();
        for (int p = 0; p < options.projections(); p++) {
            // v over the selected outputs (unit norm), u per input (unit norm).
            List<Tensor> ys = new ArrayList<>();
            List<Tensor> vs = new ArrayList<>();
            List<double[]> vValues = new ArrayList<>();
            for (int o : outIdx) {
                Tensor y = outs.get(o);
                double[] v = unit(randomData(y.shape(), random).values());
                vValues.add(v);
                if (y.requiresGrad()) {
                    ys.add(y);
                    vs.add(Tensor.of(new TensorData(y.shape(), v).on(y.backend(), y.dtype())));
                }
            }
            double[] vFlat = concat(vValues);
            List<Tensor> grads = vjp(ys, diffInputs, vs, false);
            for (int k = 0; k < diff.size(); k++) {
                int i = diff.get(k);
                Tensor x = inputs.get(i);
                if (x.numel() == 0) {
                    continue; // no direction to move in
                }
                double[] u = unit(randomData(x.shape(), random).values());
                double analytic = grads.get(k) == null ? 0 : dot(grads.get(k).toDoubleArray(), u);
                double[] base = x.toDoubleArray();
                double[] plus = base.clone();
                double[] minus = base.clone();
                for (int j = 0; j < base.length; j++) {
                    plus[j] += options.eps() * u[j];
                    minus[j] -= options.eps() * u[j];
                }
                double[] yp = evaluate(f, inputs, i, plus, outIdx);
                double[] ym = evaluate(f, inputs, i, minus, outIdx);
                double numeric = 0;
                for (int r = 0; r < vFlat.length; r++) {
                    numeric += vFlat[r] * (yp[r] - ym[r]) / (2 * options.eps());
                }
                counts[0]++;
                if (!options.close(analytic, numeric)) {
                    counts[1]++;
                    if (base.length <= FAST_FALLBACK_LIMIT) {
                        double[][][] full = analyticJacobian(outs, outIdx, inputs, List.of(i));
                        int before = mismatches.size();
                        compareInput(f, inputs, i, outs, outIdx, full[0], options, labels, mismatches, new int[2]);
                        if (mismatches.size() > before) {
                            continue;
                        }
                    }
                    if (mismatches.size() < options.maxReported()) {
                        mismatches.add(new Mismatch(i, labels.get(i), null, -1, null, analytic, numeric,
                                options.allowed(numeric)));
                    }
                }
            }
        }
    }

    /** The selected outputs of {@code f} with input {@code i} replaced by dense values {@code values}, flattened. */
    private static double[] evaluate(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, int i,
            double[] values, List<Integer> outIdx) {
        Tensor x = inputs.get(i);
        Tensor moved = Tensor.of(new TensorData(x.shape(), values).on(x.backend(), x.dtype()))
                .requiresGrad(x.requiresGrad());
        List<Tensor> args = new ArrayList<>(inputs);
        args.set(i, moved);
        List<Tensor> ys = f.apply(args);
        List<double[]> parts = new ArrayList<>();
        for (int o : outIdx) {
            parts.add(ys.get(o).toDoubleArray());
        }
        return concat(parts);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * {@code J^T v}: the gradients of {@code outputs} (weighted by {@code gradOutputs}) with respect to each of
     * {@code inputs}, null for an input the outputs do not depend on. The graph is retained.
     */
    public static List<Tensor> vjp(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
            boolean createGraph) {
        List<Tensor> none = new ArrayList<>();
        inputs.forEach(x -> none.add(null));
        if (outputs.isEmpty() || inputs.isEmpty()) {
            return none;
        }
        try {
            return new ArrayList<>(Autograd.grad(outputs, inputs, gradOutputs, true, createGraph));
        } catch (IllegalArgumentException e) {
            if (!isUnused(e)) {
                throw e;
            }
        }
        // Some input is not used: ask for each input on its own, and take "not used" as a zero gradient.
        List<Tensor> out = new ArrayList<>();
        for (Tensor x : inputs) {
            try {
                out.add(Autograd.grad(outputs, List.of(x), gradOutputs, true, createGraph).get(0));
            } catch (IllegalArgumentException e) {
                if (!isUnused(e)) {
                    throw e;
                }
                out.add(null);
            }
        }
        return out;
    }

    private static boolean isUnused(IllegalArgumentException e) {
        return e.getMessage() != null && e.getMessage().contains("was not used to compute the outputs");
    }

    private static List<Integer> differentiable(List<Tensor> inputs) {
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).requiresGrad()) {
                diff.add(i);
            }
        }
        if (diff.isEmpty()) {
            throw new IllegalArgumentException("GradCheck: no input requires grad, so there is nothing to check"
                    + " (call requiresGrad(true) on the inputs to differentiate)");
        }
        return diff;
    }

    private static List<String> labels(List<Tensor> inputs, int n, List<String> extra) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("input " + i + " " + inputs.get(i).shape() + " " + inputs.get(i).dtype());
        }
        out.addAll(extra);
        return out;
    }

    private static Function<List<Tensor>, List<Tensor>> single(Function<List<Tensor>, Tensor> f) {
        return in -> List.of(f.apply(in));
    }

    /** Values uniform in [-1, 1), rounded to float32 (exact in every floating dtype). */
    static TensorData randomData(Shape shape, Random random) {
        double[] v = new double[shape.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (2 * random.nextDouble() - 1);
        }
        return new TensorData(shape, v);
    }

    private static double[] perturb(double[] base, int j, double delta) {
        double[] v = base.clone();
        v[j] += delta;
        return v;
    }

    private static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n == 0) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / n;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] concat(List<double[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
