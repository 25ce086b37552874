package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * The broadcasting check: for ops whose inputs broadcast, {@code op(a, b)} equals
 * {@code op(a.expand(out).contiguous(), b.expand(out).contiguous())} bit for bit, where {@code out} is the
 * output shape. Broadcasting is then nothing but stride-0 views, as it should be.
 *
 * <pre>{@code
 * BroadcastEquivalence.check(CoreOps.get("add"), sample, new Target(backend, DType.F32)).orThrow();
 * }</pre>
 */
public final class BroadcastEquivalence {
    private BroadcastEquivalence() {
    }

    public static CheckResult check(CoreOp op, SampleInput sample, Target target) {
        List<NDArray> inputs = sample.materialize(target.backend(), target.dataType());
        Outcome broadcast = Outcome.of(op, sample, inputs, target.backend(), target.dataType());
        String header = "op '" + op.name() + "' on " + target + ": broadcasting vs explicit expansion\n  sample: "
                + sample + "\n  ";
        Shape expected = BroadcastShapes.broadcast(inputs.stream().map(NDArray::shape).toList());
        Shape out = broadcast.raised() ? expected : broadcast.outputs().get(0).shape();
        if (!out.equals(expected)) {
            return CheckResult.fail(header + "output shape " + out + ", expected the broadcast shape " + expected);
        }
        List<NDArray> expanded = new ArrayList<>();
        for (NDArray x : inputs) {
            expanded.add(x.expand(out.toArray()).contiguous());
        }
        Outcome explicit = Outcome.of(op, sample, expanded, target.backend(), target.dataType());
        String errors = Outcome.compareErrors(broadcast, explicit);
        if (errors != null) {
            return CheckResult.fail(header + errors);
        }
        if (broadcast.raised()) {
            return CheckResult.pass(header + "both raised " + broadcast.error().getClass().getSimpleName());
        }
        String diff = OutputComparison.compare(broadcast.outputs(), explicit.outputs(), null, true);
        return diff == null ? CheckResult.pass(header + "agree") : CheckResult.fail(header + diff);
    }
}
