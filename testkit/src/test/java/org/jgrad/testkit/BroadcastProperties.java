package org.jgrad.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jgrad.core.backend.Backends;

/** For every broadcasting op entry: {@code op(a, b) == op(a.expand(out).contiguous(), b.expand(out).contiguous())}. */
@Tag("backend")
class BroadcastProperties {
    @BeforeContainer
    static void announce() {
        System.out.println("[testkit] BroadcastProperties: backend under test = " + BackendUnderTest.describe());
    }

    @Property(tries = 600)
    void broadcastingEqualsExplicitExpansionOnReference(@ForAll("cases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        BroadcastEquivalence.check(c.op(), c.sample(), new Target(Backends.get("reference"), c.dataType())).orThrow();
    }

    @Property(tries = 600)
    void broadcastingEqualsExplicitExpansionOnBackendUnderTest(@ForAll("cases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        BroadcastEquivalence.check(c.op(), c.sample(), new Target(BackendUnderTest.get(), c.dataType())).orThrow();
    }

    @Provide
    Arbitrary<OpCase> cases() {
        return OpCases.allDtypes(CoreOps.supporting(Check.BROADCAST_EQUIVALENCE).stream()
                .filter(o -> o.kind().broadcasts()).toList(), SampleSizes.DEFAULT);
    }
}
