package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jgrad.core.NDArray;

/**
 * The layout check: an op gives the same result on non-contiguous views (strided, offset, flipped,
 * expanded) as on fresh dense arrays holding the same values. Kernels see strides (DESIGN.md, pattern 5);
 * this is where a kernel that assumes density, ignores an offset or mishandles a stride of 0 or -1 shows.
 *
 * <p>The comparison is bit-for-bit, except that with {@code allowReassociation} an op whose tolerance is
 * {@linkplain Tolerance#orderDependent() order dependent} (sum, matmul, scatterAdd) may differ within its
 * tolerance: a backend that vectorises dense runs adds terms in another order than on a strided view.
 *
 * <pre>{@code
 * LayoutInvariance.check(op, sample, recipes, new Target(backend, DType.F32), false).orThrow();
 * }</pre>
 */
public final class LayoutInvariance {
    private LayoutInvariance() {
    }

    /**
     * @param recipes one view recipe per operand of {@code sample}, of the operand's rank
     */
    public static CheckResult check(CoreOp op, SampleInput sample, List<ViewRecipe> recipes, Target target,
            boolean allowReassociation) {
        List<NDArray> views = new ArrayList<>();
        List<NDArray> dense = new ArrayList<>();
        List<Operand> shownOperands = new ArrayList<>();
        StringBuilder layout = new StringBuilder();
        for (int i = 0; i < sample.operands().size(); i++) {
            Operand o = sample.operand(i);
            ViewCase vc = recipes.get(i).materialize(o.data(), target.backend(), o.dtype(target.dataType()));
            layout.append("\n  operand ").append(i).append(": ").append(vc);
            TensorData seen = TensorData.from(vc.view());
            if (!sameBits(seen, vc.shown())) {
                return CheckResult.fail("view of operand " + i + " on " + target + " shows " + seen
                        + ", expected " + vc.shown() + layout);
            }
            views.add(vc.view());
            dense.add(vc.fresh());
            shownOperands.add(new Operand(vc.shown(), o.role()));
        }
        SampleInput shown = sample.withOperands(shownOperands);
        Outcome got = Outcome.of(op, shown, views, target.backend(), target.dataType());
        Outcome want = Outcome.of(op, shown, dense, target.backend(), target.dataType());
        String header = "op '" + op.name() + "' on " + target + ": non-contiguous inputs vs dense copies\n  sample: "
                + shown + layout + "\n  ";
        String errors = Outcome.compareErrors(got, want);
        if (errors != null) {
            return CheckResult.fail(header + errors);
        }
        if (got.raised()) {
            return CheckResult.pass(header + "both raised");
        }
        IntFunction<double[]> bounds = null;
        if (allowReassociation && op.tolerance().orderDependent()) {
            ToleranceContext ctx = new ToleranceContext(op, shown, want.inputs(), want.outputs(), target.backend(),
                    target.dataType());
            bounds = o -> op.tolerance().bounds(ctx, o, Tolerance.unitRoundoff(want.outputs().get(o).dtype()));
        }
        String diff = OutputComparison.compare(got.outputs(), want.outputs(), bounds, true);
        return diff == null ? CheckResult.pass(header + "agree") : CheckResult.fail(header + diff);
    }

    /** One recipe per operand, all identity: the dense case (a baseline that must always pass). */
    public static List<ViewRecipe> identities(SampleInput sample) {
        return sample.operands().stream().map(o -> ViewRecipe.identity(o.data().shape().rank())).toList();
    }

    private static boolean sameBits(TensorData a, TensorData b) {
        if (!a.shape().equals(b.shape())) {
            return false;
        }
        double[] x = a.values();
        double[] y = b.values();
        for (int i = 0; i < x.length; i++) {
            if (!OutputComparison.close(x[i], y[i], 0)) {
                return false;
            }
        }
        return true;
    }
}
