package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.jgrad.autograd.Tensor;
import org.jgrad.testkit.CheckResult;
import org.jgrad.testkit.ElementwiseSamples;
import org.jgrad.testkit.ValueDomain;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The gradient kit can fail: test-only ops with deliberately broken gradient rules are run through the real
 * jqwik engine, and each must be caught, with the failure shrunk to a small shape. Without this, a database
 * whose properties silently compared nothing would look green.
 *
 * <p>A broken rule is planted the way a user writes a custom gradient: {@code value.detach() + surrogate -
 * surrogate.detach()} has the value of {@code value} and the gradient of {@code surrogate}.
 */
class GradPlantedBugTest {

    static Tensor withGradientOf(Tensor value, Tensor surrogate) {
        return value.detach().add(surrogate.sub(surrogate.detach()));
    }

    /**
     * {@code a * b} whose gradient for {@code b} is averaged instead of summed over the dims {@code b} is
     * broadcast along: right whenever b is not broadcast, so only a broadcasting sample shows it.
     */
    static final GradOp MEAN_INSTEAD_OF_SUM = GradOp.builder("planted.mulAveragesBroadcastGradient")
            .domains(ValueDomain.uniform(-3, 3), ValueDomain.uniform(-3, 3)).samples(ElementwiseSamples.binary())
            .call(GradCall.single(c -> {
                Tensor a = c.in(0);
                Tensor b = c.in(1);
                Tensor y = a.mul(b);
                double k = (double) b.numel() / Math.max(1, y.numel());
                return withGradientOf(y, a.mul(b.detach()).add(a.detach().mul(b).mul(k)));
            })).build();

    /** {@code x^3} whose gradient {@code 3 x^2} is computed on a detached x: right to first order only. */
    static final GradOp FLAT_SECOND_ORDER = GradOp.builder("planted.cubeWithDetachedSlope")
            .domains(ValueDomain.uniform(-2, 2)).samples(ElementwiseSamples.unary())
            .call(GradCall.single(c -> {
                Tensor x = c.in(0);
                return withGradientOf(x.pow(3.0), x.mul(x.detach().square().mul(3.0)));
            })).build();

    static final AtomicInteger smallestFailingNumel = new AtomicInteger(Integer.MAX_VALUE);
    static final AtomicInteger smallestSecondOrderNumel = new AtomicInteger(Integer.MAX_VALUE);

    /** Run only through EngineTestKit below (nested, and tagged "planted", which surefire excludes). */
    @Tag("planted")
    static class PlantedProperties {
        @Property(tries = 300)
        void gradcheckAmongCorrectEntries(@ForAll("withBroadcastBug") GradCase c) {
            CheckResult r = GradChecks.gradcheck(c);
            if (!r.passed()) {
                smallestFailingNumel.accumulateAndGet(c.sample().totalNumel(), Math::min);
            }
            r.orThrow();
        }

        @Property(tries = 100)
        void gradcheckOfTheSecondOrderBug(@ForAll("secondOrderBug") GradCase c) {
            GradChecks.gradcheck(c).orThrow();
        }

        @Property(tries = 100)
        void gradgradcheckOfTheSecondOrderBug(@ForAll("secondOrderBug") GradCase c) {
            CheckResult r = GradChecks.gradgradcheck(c);
            if (!r.passed()) {
                smallestSecondOrderNumel.accumulateAndGet(c.sample().totalNumel(), Math::min);
            }
            r.orThrow();
        }

        @Provide
        Arbitrary<GradCase> withBroadcastBug() {
            return GradCases.of(List.of(GradOps.get("mul"), GradOps.get("softmax"), MEAN_INSTEAD_OF_SUM),
                    GradCases.SMALL);
        }

        @Provide
        Arbitrary<GradCase> secondOrderBug() {
            return GradCases.of(List.of(FLAT_SECOND_ORDER), GradCases.TINY);
        }
    }

    /** The same planted op through the user-facing base class. */
    @Tag("planted")
    static class PlantedUserProperties extends GradOpProperties {
        @Override
        protected List<GradOp> ops() {
            return List.of(MEAN_INSTEAD_OF_SUM);
        }
    }

    private static EngineExecutionResults run(org.junit.platform.engine.DiscoverySelector selector) {
        return EngineTestKit.engine("jqwik")
                .configurationParameter("jqwik.database", "target/jqwik-database-grad-planted")
                // A fresh search every time: a stored failing sample would be replayed without shrinking.
                .configurationParameter("jqwik.failures.runfirst", "false")
                .configurationParameter("jqwik.failures.after.default", "RANDOM_SEED")
                .configurationParameter("jqwik.reporting.usejunitplatform", "true")
                // Shrinking usually ends within seconds; the suite's 20 s bound could cut it short on a loaded
                // machine and make the size assertion below depend on load, so let it run to the end here.
                .configurationParameter("jqwik.shrinking.bounded.seconds", "300")
                .selectors(selector).execute();
    }

    private static Throwable failure(EngineExecutionResults results, String method) {
        List<Event> failed = results.testEvents().failed().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method)).toList();
        assertFalse(failed.isEmpty(), method + " did not fail");
        return failed.get(0).getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void aBrokenGradientRuleIsCaughtAndShrunkToASmallBroadcast() {
        smallestFailingNumel.set(Integer.MAX_VALUE);
        EngineExecutionResults results = run(selectMethod(PlantedProperties.class, "gradcheckAmongCorrectEntries",
                GradCase.class.getName()));
        Throwable t = failure(results, "gradcheckAmongCorrectEntries");
        String m = t.getMessage();
        assertTrue(m.contains("op 'planted.mulAveragesBroadcastGradient' gradcheck") && m.contains("input 1")
                && m.contains("analytic") && m.contains("numeric"), m);
        // The bug needs b broadcast against a: a [2] with b [] (3 elements) is the smallest such sample.
        assertTrue(smallestFailingNumel.get() <= 3, "shrinking stopped at " + smallestFailingNumel.get()
                + " elements:\n" + m);
    }

    @Test
    void aRuleThatIsRightButNotDifferentiableIsCaughtOnlyBySecondOrder() {
        smallestSecondOrderNumel.set(Integer.MAX_VALUE);
        EngineExecutionResults first = run(selectMethod(PlantedProperties.class, "gradcheckOfTheSecondOrderBug",
                GradCase.class.getName()));
        assertEquals(0, first.testEvents().failed().count(), "first order is right and must pass");
        EngineExecutionResults second = run(selectMethod(PlantedProperties.class, "gradgradcheckOfTheSecondOrderBug",
                GradCase.class.getName()));
        String m = failure(second, "gradgradcheckOfTheSecondOrderBug").getMessage();
        assertTrue(m.contains("op 'planted.cubeWithDetachedSlope' gradgradcheck") && m.contains("gradgradcheck failed"),
                m);
        assertTrue(smallestSecondOrderNumel.get() <= 1, "shrinking stopped at " + smallestSecondOrderNumel.get()
                + " elements:\n" + m);
    }

    @Test
    void theUserFacingPropertiesCatchItToo() {
        EngineExecutionResults results = run(selectClass(PlantedUserProperties.class));
        Throwable t = failure(results, "gradientsMatchFiniteDifferences");
        assertTrue(t.getMessage().contains("planted.mulAveragesBroadcastGradient"), t.getMessage());
        // Second order sees it too: J^T v is wrong as a function of v. The rule is wrong identically in float32
        // and float64, so the backend comparison cannot see it, and the forward is right.
        failure(results, "secondOrderGradientsMatchFiniteDifferences");
        assertEquals(2, results.testEvents().failed().count());
    }
}
