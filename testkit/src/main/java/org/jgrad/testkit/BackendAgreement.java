package org.jgrad.testkit;

import java.util.List;
import java.util.function.IntFunction;
import org.jgrad.core.NDArray;

/**
 * The differential check: an op gives the same result on a tested backend as on the reference backend,
 * within the op's {@link Tolerance} at the tested output's precision (DESIGN.md, pattern 8).
 *
 * <pre>{@code
 * @Property
 * void agrees(@ForAll("cases") OpCase c) {
 *     BackendAgreement.check(c.op(), c.sample(), new Target(simd, DType.F32), Target.reference()).orThrow();
 * }
 * }</pre>
 */
public final class BackendAgreement {
    private BackendAgreement() {
    }

    /** Runs {@code op} on {@code sample} at both targets and compares. */
    public static CheckResult check(CoreOp op, SampleInput sample, Target tested, Target reference) {
        Outcome got = Outcome.of(op, sample, sample.materialize(tested.backend(), tested.dataType()),
                tested.backend(), tested.dataType());
        Outcome want = Outcome.of(op, sample, sample.materialize(reference.backend(), reference.dataType()),
                reference.backend(), reference.dataType());
        String header = "op '" + op.name() + "' on " + tested + " vs " + reference + " (tolerance: "
                + op.tolerance() + ")\n  sample: " + sample + "\n  ";
        String errors = Outcome.compareErrors(got, want);
        if (errors != null) {
            return CheckResult.fail(header + errors);
        }
        if (got.raised()) {
            return CheckResult.pass(header + "both raised " + got.error().getClass().getSimpleName());
        }
        ToleranceContext ctx = new ToleranceContext(op, sample, want.inputs(), want.outputs(), reference.backend(),
                reference.dataType());
        IntFunction<double[]> bounds = op.tolerance().isExact() ? null : o -> op.tolerance().bounds(ctx, o,
                Tolerance.unitRoundoff(got.outputs().get(o).dtype()));
        String diff = OutputComparison.compare(got.outputs(), want.outputs(), bounds,
                tested.dataType() == reference.dataType());
        return diff == null ? CheckResult.pass(header + "agree") : CheckResult.fail(header + diff);
    }

    /** The outputs of {@code op} on {@code sample} at {@code target} (for debugging and examples). */
    public static List<NDArray> run(CoreOp op, SampleInput sample, Target target) {
        return op.run(sample, target.backend(), target.dataType());
    }
}
