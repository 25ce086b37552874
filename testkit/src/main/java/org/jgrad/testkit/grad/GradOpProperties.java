package org.jgrad.testkit.grad;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrad.testkit.BackendUnderTest;
import org.jgrad.testkit.SampleSizes;

/**
 * The autograd database's properties for your own ops: extend it, return your entries from {@link #ops()},
 * and jqwik runs gradcheck, gradgradcheck, the float64 forward against your reference, float32 on the
 * backend under test against float64, and your error cases, over generated shapes (broadcasting and
 * non-contiguous inputs included). A failure is shrunk to the smallest case and names the op, the input
 * element, the analytic and numeric derivatives.
 *
 * <pre>{@code
 * class SwishGradProperties extends GradOpProperties {
 *     @Override
 *     protected List<GradOp> ops() {
 *         return List.of(GradOp.builder("swish")
 *                 .domains(ValueDomain.uniform(-4, 4))
 *                 .samples(ElementwiseSamples.unary())
 *                 .call(GradCall.single(c -> c.in(0).mul(c.in(0).sigmoid())))
 *                 .reference(HostReference.unary(x -> x / (1 + Math.exp(-x)), true))
 *                 .build());
 *     }
 * }
 * }</pre>
 */
public abstract class GradOpProperties {

    /** The entries to test. */
    protected abstract List<GradOp> ops();

    /** Sample sizes of the first-order, forward and float32 properties (default {@link GradCases#SMALL}). */
    protected SampleSizes sizes() {
        return GradCases.SMALL;
    }

    @Property(tries = 200)
    void gradientsMatchFiniteDifferences(@ForAll("gradCases") GradCase c) {
        if (!c.op().skips(GradProperty.GRADCHECK)) {
            GradChecks.gradcheck(c).orThrow();
        }
    }

    @Property(tries = 100)
    void secondOrderGradientsMatchFiniteDifferences(@ForAll("tinyGradCases") GradCase c) {
        if (!c.op().skips(GradProperty.GRADGRADCHECK)) {
            GradChecks.gradgradcheck(c).orThrow();
        }
    }

    @Property(tries = 100)
    void forwardMatchesTheReference(@ForAll("gradCases") GradCase c) {
        if (!c.op().skips(GradProperty.FORWARD_VS_REFERENCE)) {
            GradChecks.forwardVsReference(c).orThrow();
        }
    }

    @Property(tries = 100)
    void float32BackendMatchesFloat64Reference(@ForAll("gradCases") GradCase c) {
        if (!c.op().skips(GradProperty.FLOAT32_VS_REFERENCE)) {
            GradChecks.float32VsReference(c, BackendUnderTest.get()).orThrow();
        }
    }

    @Example
    void badInputsRaiseNamingTheOp() {
        for (GradOp op : ops()) {
            GradChecks.errors(op).orThrow();
        }
    }

    @Provide
    Arbitrary<GradCase> gradCases() {
        return GradCases.of(ops(), sizes());
    }

    @Provide
    Arbitrary<GradCase> tinyGradCases() {
        return GradCases.of(ops(), GradCases.TINY);
    }
}
