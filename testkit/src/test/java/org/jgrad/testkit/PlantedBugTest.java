package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.jgrad.core.DType;
import org.jgrad.core.View;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The property machinery can fail: deliberately broken backends and entries are run through the same
 * checks (and through the real jqwik engine), and each must be caught, with the failure shrunk to a small
 * sample. Without this, a suite that silently compares nothing would look green.
 */
class PlantedBugTest {

    /** The reference backend with exp off by a relative 1e-5 (about 170 float32 ulps): a wrong polynomial. */
    static final class InaccurateExpBackend extends ReferenceBackend {
        @Override
        public String name() {
            return "planted-inaccurate-exp";
        }

        @Override
        public Storage unary(UnaryOp op, Storage x, View vx) {
            Storage out = super.unary(op, x, vx);
            if (op == UnaryOp.EXP) {
                CpuStorage o = CpuStorage.of(out);
                for (int i = 0; i < o.size(); i++) {
                    o.setDouble(i, o.getDouble(i) * 1.00001);
                }
            }
            return out;
        }
    }

    /** The reference kernels under another name: a second backend for an entry that is wrong on one of them. */
    static final class OtherBackend extends ReferenceBackend {
        @Override
        public String name() {
            return "planted-other";
        }
    }

    /** The reference backend reading unary inputs as if they were dense from the view's offset: ignores strides. */
    static final class StrideIgnoringBackend extends ReferenceBackend {
        @Override
        public String name() {
            return "planted-stride-bug";
        }

        @Override
        public Storage unary(UnaryOp op, Storage x, View vx) {
            View dense = new View(vx.shape(), vx.shape().contiguousStrides(), Math.max(0, vx.offset()));
            return vx.numel() > 0 && vx.offset() + vx.numel() <= x.size() ? super.unary(op, x, dense)
                    : super.unary(op, x, vx);
        }
    }

    /** The reference backend whose binary kernels take any broadcast (stride-0) operand for a scalar. */
    static final class BroadcastIgnoringBackend extends ReferenceBackend {
        @Override
        public String name() {
            return "planted-broadcast-bug";
        }

        @Override
        public Storage binary(org.jgrad.core.ops.BinaryOp op, Storage a, View va, Storage b, View vb) {
            return super.binary(op, a, densified(a, va), b, densified(b, vb));
        }

        private static View densified(Storage s, View v) {
            boolean expanded = false;
            for (int d = 0; d < v.rank(); d++) {
                expanded |= v.stride(d) == 0 && v.shape().dim(d) > 1;
            }
            return expanded ? new View(v.shape(), new int[v.rank()], v.offset()) : v;
        }
    }

    /** The reference backend whose sum skips the last element of every reduced run. */
    static final class DroppingSumBackend extends ReferenceBackend {
        @Override
        public String name() {
            return "planted-dropping-sum";
        }

        @Override
        public Storage reduce(ReduceOp op, Storage x, View vx, int[] axes) {
            if (op != ReduceOp.SUM || axes.length == 0 || vx.numel() == 0) {
                return super.reduce(op, x, vx, axes);
            }
            int last = axes[axes.length - 1];
            View shorter = vx.narrow(last, 0, vx.shape().dim(last) - 1);
            return super.reduce(op, x, shorter, axes);
        }
    }

    // ------------------------------------------------------------------ direct use of the checks

    @Test
    void agreementCheckReportsAnInaccurateKernel() {
        CoreOp exp = CoreOps.get("exp");
        Target broken = new Target(new InaccurateExpBackend(), DType.F32);
        List<CheckResult> results = exp.samples(SampleSizes.DEFAULT).sampleStream().limit(60)
                .map(s -> BackendAgreement.check(exp, s, broken, Target.reference())).toList();
        assertTrue(results.stream().anyMatch(r -> !r.passed()), "a 1e-5 relative error in exp went unnoticed");
        String report = results.stream().filter(r -> !r.passed()).findFirst().orElseThrow().report();
        assertTrue(report.contains("op 'exp'") && report.contains("bound"), report);
    }

    @Test
    void agreementCheckReportsAWrongEntryRunOnOneBackend() {
        CoreOp add = CoreOps.get("add");
        // Right on the reference, wrong (a - b) on the other backend: the entry itself is the planted bug.
        CoreOp wrong = add.withCall(OpCall.single(c -> c.backend().name().equals("reference") ? c.in(0).add(c.in(1))
                : c.in(0).sub(c.in(1))));
        Target other = new Target(new OtherBackend(), DType.F32);
        boolean caught = add.samples(SampleSizes.DEFAULT).sampleStream().limit(60)
                .map(s -> BackendAgreement.check(wrong, s, other, Target.reference())).anyMatch(r -> !r.passed());
        assertTrue(caught, "add computed as sub went unnoticed");
    }

    @Test
    void correctKernelsPassTheSameChecks() {
        CoreOp exp = CoreOps.get("exp");
        Target fine = new Target(new ReferenceBackend(), DType.F32);
        assertTrue(exp.samples(SampleSizes.DEFAULT).sampleStream().limit(60)
                .map(s -> BackendAgreement.check(exp, s, fine, Target.reference())).allMatch(CheckResult::passed));
    }

    @Test
    void layoutCheckReportsAKernelThatIgnoresStrides() {
        CoreOp neg = CoreOps.get("neg");
        Target broken = new Target(new StrideIgnoringBackend(), DType.F32);
        boolean caught = neg.samples(SampleSizes.DEFAULT).flatMap(s -> Views.recipes(s.operand(0).data().shape())
                        .map(r -> LayoutInvariance.check(neg, s, List.of(r), broken, false)))
                .sampleStream().limit(200).anyMatch(r -> !r.passed());
        assertTrue(caught, "a unary kernel that ignores strides went unnoticed");
    }

    @Test
    void broadcastCheckReportsAKernelThatIgnoresStrideZero() {
        CoreOp add = CoreOps.get("add");
        Target broken = new Target(new BroadcastIgnoringBackend(), DType.F32);
        boolean caught = add.samples(SampleSizes.DEFAULT).sampleStream().limit(200)
                .map(s -> BroadcastEquivalence.check(add, s, broken)).anyMatch(r -> !r.passed());
        assertTrue(caught, "a binary kernel that ignores broadcasting went unnoticed");
    }

    // ------------------------------------------------------------------ through the jqwik engine

    /** The failing sample of the planted sum property with the fewest elements (to see shrinking work). */
    static final AtomicReference<SampleInput> smallestFailing = new AtomicReference<>();

    /**
     * Properties with planted bugs, run only through EngineTestKit below: surefire skips nested classes and
     * excludes the "planted" tag (see testkit/pom.xml), so they never fail the build themselves.
     */
    @Tag("planted")
    static class PlantedProperties {
        // A fixed seed: how far jqwik's shape-then-values shrinking gets depends on the draw (in about one run in
        // six it stopped at 3 elements, once it ran into the 300 s bound); this checks the machinery, repeatably.
        @Property(tries = 200, seed = "1")
        void sumOnDroppingBackendAgreesWithReference(@ForAll("sums") SampleInput s) {
            CheckResult r = BackendAgreement.check(CoreOps.get("sum"), s,
                    new Target(new DroppingSumBackend(), DType.F32), Target.reference());
            if (!r.passed()) {
                smallestFailing.accumulateAndGet(s, (a, b) -> a == null || b.totalNumel() < a.totalNumel() ? b : a);
            }
            r.orThrow();
        }

        @Provide
        Arbitrary<SampleInput> sums() {
            return CoreOps.get("sum").samples(SampleSizes.DEFAULT);
        }
    }

    @Test
    void jqwikPropertyOverAPlantedBugFailsAndShrinks() {
        smallestFailing.set(null);
        EngineExecutionResults results = EngineTestKit.engine("jqwik")
                .configurationParameter("jqwik.database", "target/jqwik-database-planted")
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                // Shrinking usually ends within seconds; the suite's 20 s bound could cut it short on a loaded
                // machine and make the size assertion below depend on load, so let it run to the end here.
                .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
                .selectors(selectClass(PlantedProperties.class)).execute();
        List<Event> failed = results.testEvents().failed().list();
        assertFalse(failed.isEmpty(), "the planted sum bug was not caught by the jqwik property");
        Throwable t = failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(t.getMessage().contains("op 'sum'"), t.getMessage());
        // Dropping one element shows with one non-zero element; shrinking must get close to that: all values but
        // one shrunk to 0, and a shape of at most 3 elements. (jqwik draws the shape first and the values for
        // it, so a smaller shape means new values; from [3] {0, 0, x} a redraw for [2] may pass, and shrinking
        // stops there in about one run in six. The values, which the bug is about, are minimal either way.)
        SampleInput smallest = smallestFailing.get();
        double[] values = smallest.operand(0).data().values();
        long nonZero = java.util.Arrays.stream(values).filter(v -> v != 0).count();
        assertTrue(values.length <= 3 && nonZero == 1, "shrinking stopped at " + smallest + ":\n" + t.getMessage());
    }
}
