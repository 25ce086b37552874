package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.jgrad.core.NDArray;

/**
 * The forward check against an independent implementation: an op on a backend (normally the reference)
 * returns the shapes, dtypes and values its entry's {@link HostReference} predicts, within the entry's
 * tolerance; and it raises exactly where the host reference raises. This is what catches bugs that all
 * backends share, because they sit in the front end.
 *
 * <pre>{@code
 * HostAgreement.check(CoreOps.get("linspace"), sample, Target.of("reference", DType.F64)).orThrow();
 * }</pre>
 */
public final class HostAgreement {
    private HostAgreement() {
    }

    public static CheckResult check(CoreOp op, SampleInput sample, Target target) {
        if (op.reference() == null) {
            return CheckResult.pass("op '" + op.name() + "' has no host reference");
        }
        String header = "op '" + op.name() + "' on " + target + " vs its host reference\n  sample: " + sample + "\n  ";
        Outcome got = Outcome.of(op, sample, sample.materialize(target.backend(), target.dataType()),
                target.backend(), target.dataType());
        List<Expected> expected;
        try {
            expected = op.reference().expected(sample, target.dataType());
        } catch (RuntimeException e) {
            if (Outcome.isCrash(e)) {
                throw new IllegalStateException("the host reference of '" + op.name() + "' crashed on " + sample, e);
            }
            return got.raised() && !got.crashed() ? CheckResult.pass(header + "both raise")
                    : CheckResult.fail(header + "expected an error (" + e.getMessage() + ") but the op "
                            + (got.raised() ? "crashed: " + got.error() : "returned " + got.outputs()));
        }
        if (got.raised()) {
            return CheckResult.fail(header + "expected " + expected + " but the op raised " + got.error()
                    + stack(got.error()));
        }
        List<NDArray> want = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            if (i < got.outputs().size() && got.outputs().get(i).dtype() != e.dtype()) {
                return CheckResult.fail(header + (expected.size() > 1 ? "output " + i + ": " : "") + "dtype "
                        + got.outputs().get(i).dtype() + ", expected " + e.dtype());
            }
            want.add(e.values().on(target.backend(), e.dtype()));
        }
        IntFunction<double[]> bounds = null;
        if (!op.tolerance().isExact() && want.size() == got.outputs().size()) {
            ToleranceContext ctx = new ToleranceContext(op, sample, got.inputs(), want, target.backend(),
                    target.dataType());
            bounds = o -> op.tolerance().bounds(ctx, o, Tolerance.unitRoundoff(want.get(o).dtype()));
        }
        String diff = OutputComparison.compare(got.outputs(), want, bounds, true);
        return diff == null ? CheckResult.pass(header + "agree") : CheckResult.fail(header + diff);
    }

    private static String stack(Throwable e) {
        StackTraceElement[] st = e.getStackTrace();
        return st.length > 0 ? "\n    at " + st[0] : "";
    }
}
