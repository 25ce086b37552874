package org.jgrad.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jgrad.core.DType;

/**
 * jqwik arbitraries over an op list: an entry is drawn, then a sample of it (and a dtype). This is how one
 * generic property covers every op; a failure shrinks the sample of the failing op.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<OpCase> cases() {
 *     return OpCases.float32(CoreOps.supporting(Check.FLOAT32_VS_REFERENCE), SampleSizes.DEFAULT);
 * }
 * }</pre>
 */
public final class OpCases {
    private OpCases() {
    }

    /** Cases with float32 data, for ops that accept F32. */
    public static Arbitrary<OpCase> float32(List<CoreOp> ops, SampleSizes sizes) {
        List<CoreOp> f32 = ops.stream().filter(o -> o.dtypes().contains(DType.F32)).toList();
        return Arbitraries.of(f32).flatMap(op -> op.samples(sizes).map(s -> new OpCase(op, s, DType.F32)));
    }

    /** Cases over every (op, accepted dtype) pair. */
    public static Arbitrary<OpCase> allDtypes(List<CoreOp> ops, SampleSizes sizes) {
        return Arbitraries.of(ops).flatMap(op -> Arbitraries.of(List.copyOf(op.dtypes()))
                .flatMap(t -> op.samples(sizes).map(s -> new OpCase(op, s, t))));
    }
}
