package org.jgrad.testkit.suites;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.DType;
import org.jgrad.testkit.BackendAgreement;
import org.jgrad.testkit.Check;
import org.jgrad.testkit.CoreOps;
import org.jgrad.testkit.OpCase;
import org.jgrad.testkit.OpCases;
import org.jgrad.testkit.OpKind;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.Target;

/**
 * The differential suite: every op entry, on the backend under test, agrees with the float64 reference
 * backend (DESIGN.md, pattern 8). One property per question, each iterating over the whole op list.
 *
 * <p>Abstract: a backend module subclasses it and names its backend ({@link BackendSuite}).
 */
public abstract class BackendAgreementSuite extends BackendSuite {
    /** About 30 samples per entry for the ~60 entries (the op is drawn uniformly). */
    private static final int TRIES = 1800;

    /** Float32 on the backend under test vs float64 on the reference, within each op's stated tolerance. */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = TRIES)
    public void float32AgreesWithFloat64Reference(@ForAll("float32Cases") OpCase c) {
        Assume.that(!knownIssue(c));
        Statistics.label("op").collect(c.op().name());
        BackendAgreement.check(c.op(), c.sample(), new Target(backendUnderTest(), DType.F32), Target.reference())
                .orThrow();
    }

    /** Each accepted dtype (integers, bool, F64, F32) on the backend under test vs the reference at that dtype. */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = TRIES)
    public void eachDtypeAgreesWithReferenceAtThatDtype(@ForAll("allDtypeCases") OpCase c) {
        Assume.that(!knownIssue(c));
        Statistics.label("op").collect(c.op().name());
        Target ref = Target.of("reference", c.dataType());
        BackendAgreement.check(c.op(), c.sample(), new Target(backendUnderTest(), c.dataType()), ref).orThrow();
    }

    /**
     * The same on larger tensors (dims up to 48, a few thousand elements), where a vectorised backend leaves
     * its scalar paths: full vectors plus tails, blocked sums over more than 128 terms, the row and packed
     * matrix kernels. Fewer tries, since each is larger; movement and creation ops, which run no
     * size-dependent kernel, are left to the small cases.
     */
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 250)
    public void float32AgreesWithFloat64ReferenceOnLargerTensors(@ForAll("largeFloat32Cases") OpCase c) {
        Assume.that(!knownIssue(c));
        Statistics.label("op").collect(c.op().name());
        BackendAgreement.check(c.op(), c.sample(), new Target(backendUnderTest(), DType.F32), Target.reference())
                .orThrow();
    }

    /** Matrix products of up to 47 x 47 x 47, often enough to reach a vectorised backend's packed kernel. */
    @Property(tries = 60)
    public void largeMatrixProductsAgreeWithFloat64Reference(@ForAll("largeMatmuls") OpCase c) {
        BackendAgreement.check(c.op(), c.sample(), new Target(backendUnderTest(), DType.F32), Target.reference())
                .orThrow();
    }

    @Provide
    public Arbitrary<OpCase> largeMatmuls() {
        return OpCases.float32(List.of(CoreOps.get("matmul")), SampleSizes.LARGE);
    }

    @Provide
    public Arbitrary<OpCase> largeFloat32Cases() {
        return OpCases.float32(CoreOps.supporting(Check.FLOAT32_VS_REFERENCE).stream()
                .filter(o -> o.kind() != OpKind.MOVEMENT && o.kind() != OpKind.CREATION).toList(), SampleSizes.LARGE);
    }

    @Provide
    public Arbitrary<OpCase> float32Cases() {
        return OpCases.float32(CoreOps.supporting(Check.FLOAT32_VS_REFERENCE), SampleSizes.DEFAULT);
    }

    @Provide
    public Arbitrary<OpCase> allDtypeCases() {
        return OpCases.allDtypes(CoreOps.supporting(Check.SAME_DTYPE_VS_REFERENCE), SampleSizes.DEFAULT);
    }
}
