package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.backend.Backends;

/**
 * Forward vs an independent implementation: every entry, on the reference backend at every dtype it
 * accepts, returns what its host reference predicts (values, shape, dtype, and errors exactly where the
 * host reference raises). This is the check that sees front-end bugs, which every backend shares.
 */
class HostReferenceProperties {

    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 1800)
    void referenceBackendMatchesHostReference(@ForAll("cases") OpCase c) {
        Assume.that(!KnownCoreIssues.affects(c));
        Statistics.label("op").collect(c.op().name());
        HostAgreement.check(c.op(), c.sample(), new Target(Backends.get("reference"), c.dataType())).orThrow();
    }

    @Example
    void everyEntryHasAHostReference() {
        for (CoreOp op : CoreOps.all()) {
            assertTrue(op.reference() != null || op.skips(Check.HOST_REFERENCE), op + " has no host reference");
        }
    }

    @Provide
    Arbitrary<OpCase> cases() {
        return OpCases.allDtypes(CoreOps.supporting(Check.HOST_REFERENCE), SampleSizes.DEFAULT);
    }
}
