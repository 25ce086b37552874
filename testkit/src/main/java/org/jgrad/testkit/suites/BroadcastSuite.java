package org.jgrad.testkit.suites;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.BroadcastEquivalence;
import org.jgrad.testkit.Check;
import org.jgrad.testkit.CoreOps;
import org.jgrad.testkit.OpCase;
import org.jgrad.testkit.OpCases;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.Target;

/** For every broadcasting op entry: {@code op(a, b) == op(a.expand(out).contiguous(), b.expand(out).contiguous())}. *
 * <p>Abstract: a backend module subclasses it and names its backend ({@link BackendSuite}).
 */
public abstract class BroadcastSuite extends BackendSuite {
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 600)
    public void broadcastingEqualsExplicitExpansionOnReference(@ForAll("cases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        BroadcastEquivalence.check(c.op(), c.sample(), new Target(Backends.get("reference"), c.dataType())).orThrow();
    }

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 600)
    public void broadcastingEqualsExplicitExpansionOnBackendUnderTest(@ForAll("cases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        BroadcastEquivalence.check(c.op(), c.sample(), new Target(backendUnderTest(), c.dataType())).orThrow();
    }

    @Provide
    public Arbitrary<OpCase> cases() {
        return OpCases.allDtypes(CoreOps.supporting(Check.BROADCAST_EQUIVALENCE).stream()
                .filter(o -> o.kind().broadcasts()).toList(), SampleSizes.DEFAULT);
    }
}
