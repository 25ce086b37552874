package org.jgrad.testkit.suites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.BackendAgreement;
import org.jgrad.testkit.CoreOp;
import org.jgrad.testkit.CoreOps;
import org.jgrad.testkit.HostReductions;
import org.jgrad.testkit.OpCase;
import org.jgrad.testkit.Outcome;
import org.jgrad.testkit.OutputComparison;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.Target;
import org.jgrad.testkit.TensorData;
import org.jgrad.testkit.Tolerance;

/**
 * sum, max and argmax over random axis sets (any subset, any order, negative axes, with and without
 * keepdim), on the reference and on the backend under test: against a plain-loop host oracle, against
 * reducing one axis at a time, and the backend under test against the reference.
 *
 * <p>Abstract: a backend module subclasses it and names its backend ({@link BackendSuite}).
 */
public abstract class ReductionSuite extends BackendSuite {
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 400)
    public void reductionsOverAxisSetsMatchHostOracle(@ForAll("cases") OpCase c) {
        Assume.that(!knownIssue(c));
        Statistics.label("op").collect(c.op().name() + " " + c.sample().text("form"));
        for (Target t : targets(c)) {
            Outcome out = Outcome.of(c.op(), c.sample(), c.sample().materialize(t.backend(), t.dataType()),
                    t.backend(), t.dataType());
            if (out.raised()) {
                throw new AssertionError(c + " on " + t + " raised", out.error());
            }
            NDArray got = out.outputs().get(0);
            TensorData x = c.sample().operand(0).data();
            int[] axes = axes(c);
            boolean keepdim = c.sample().has("keepdim") && c.sample().flag("keepdim");
            HostReductions.Kind kind = HostReductions.Kind.valueOf(c.op().name().toUpperCase());
            TensorData want = HostReductions.reduce(kind, x, axes, keepdim);
            double[] bound = null;
            if (kind == HostReductions.Kind.SUM) {
                // Recursive summation of n terms in precision u errs by at most gamma_(n-1) sum|x_i| (Higham 4.4),
                // plus u for the final rounding: (n + 1) u sum|x_i| bounds it for n u << 1.
                int n = Math.max(1, want.numel() == 0 ? 1 : x.numel() / want.numel());
                double u = Tolerance.unitRoundoff(t.dataType());
                bound = Arrays.stream(HostReductions.absSum(x, axes, keepdim).values()).map(s -> (n + 1) * u * s)
                        .toArray();
            }
            assertMatches(c + " on " + t + " vs host oracle", want, got, bound);
        }
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 300)
    public void sumAndMaxOverAxisSetsEqualOneAxisAtATime(@ForAll("sumMaxCases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        for (Target t : targets(c)) {
            NDArray x = c.sample().operand(0).on(t.backend(), t.dataType());
            int[] axes = HostReductions.normalize(axes(c), x.rank());
            boolean keepdim = c.sample().has("keepdim") && c.sample().flag("keepdim");
            boolean sum = c.op().name().equals("sum");
            NDArray all = sum ? x.sum(axes(c), keepdim) : x.max(axes(c), keepdim);
            NDArray stepwise = x;
            for (int i = axes.length - 1; i >= 0; i--) {
                int[] one = {axes[i]};
                stepwise = sum ? stepwise.sum(one, true) : stepwise.max(one, true);
            }
            if (!keepdim) {
                stepwise = stepwise.reshape(all.shape().toArray());
            }
            double[] bound = null;
            if (sum) {
                // Both are sums of the same n terms in different association orders: each within
                // (n + 1) u sum|x_i| of the exact sum, so within twice that of each other.
                int n = Math.max(1, all.numel() == 0 ? 1 : x.numel() / all.numel());
                double u = Tolerance.unitRoundoff(t.dataType());
                bound = Arrays.stream(HostReductions.absSum(c.sample().operand(0).data(), axes(c), keepdim).values())
                        .map(s -> 2 * (n + 1) * u * s).toArray();
            }
            assertMatches(c + " on " + t + ": axis set vs one axis at a time", TensorData.from(stepwise), all, bound);
        }
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 300)
    public void backendUnderTestAgreesWithReference(@ForAll("cases") OpCase c) {
        Assume.that(!knownIssue(c));
        Statistics.label("op").collect(c.op().name());
        BackendAgreement.check(c.op(), c.sample(), new Target(backendUnderTest(), c.dataType()),
                Target.reference()).orThrow();
    }

    /** Small cases (every rank and edge) and, one time in four, large ones (long reductions, blocked sums). */
    @Provide
    public Arbitrary<OpCase> cases() {
        return floatCases(List.of(CoreOps.get("sum"), CoreOps.get("max"), CoreOps.get("argmax")));
    }

    @Provide
    public Arbitrary<OpCase> sumMaxCases() {
        return floatCases(List.of(CoreOps.get("sum"), CoreOps.get("max")))
                .filter(c -> c.sample().text("form").equals("axes"));
    }

    private static Arbitrary<OpCase> floatCases(List<CoreOp> ops) {
        Arbitrary<SampleSizes> sizes = Arbitraries.frequency(Tuple.of(3, SampleSizes.DEFAULT),
                Tuple.of(1, SampleSizes.LARGE));
        return Arbitraries.of(ops).flatMap(op -> Combinators.combine(Arbitraries.of(DType.F32, DType.F64), sizes)
                .flatAs((t, z) -> op.samples(z).map(s -> new OpCase(op, s, t))));
    }

    private List<Target> targets(OpCase c) {
        return List.of(new Target(Backends.get("reference"), c.dataType()),
                new Target(backendUnderTest(), c.dataType()));
    }

    /** The axes a sample reduces: all for form "all", the one dim for "dim", else the axes argument. */
    private static int[] axes(OpCase c) {
        int rank = c.sample().operand(0).data().shape().rank();
        return switch (c.sample().text("form")) {
            case "all" -> java.util.stream.IntStream.range(0, rank).toArray();
            case "dim" -> new int[] {c.sample().integer("dim")};
            default -> c.sample().ints("axes");
        };
    }

    private static void assertMatches(String what, TensorData want, NDArray got, double[] bound) {
        assertEquals(want.shape(), got.shape(), what + ": shape");
        double[] g = got.toDoubleArray();
        double[] w = want.values();
        for (int i = 0; i < w.length; i++) {
            if (!OutputComparison.close(g[i], w[i], bound == null ? 0 : bound[i])) {
                throw new AssertionError(what + ": at " + Arrays.toString(TensorData.multiIndex(want.shape(), i))
                        + " got " + g[i] + ", expected " + w[i] + (bound == null ? "" : " (bound " + bound[i] + ")")
                        + "\n  got all:      " + TensorData.from(got) + "\n  expected all: " + want);
            }
        }
    }
}
