package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/** Each known core issue still reproduces (else it was fixed: delete it so the properties cover it again). */
class KnownCoreIssuesTest {

    @Test
    void everyKnownIssueStillReproduces() {
        for (KnownCoreIssues.Issue issue : KnownCoreIssues.ISSUES) {
            OpCase c = issue.reproducer();
            assertTrue(issue.affects().test(c), "the reproducer is not among the cases the issue skips: " + c);
            Target reference = new Target(Backends.get("reference"), c.dataType());
            CheckResult r = HostAgreement.check(c.op(), c.sample(), reference);
            assertFalse(r.passed(), "fixed in core? delete this entry from KnownCoreIssues: " + issue.description()
                    + "\n" + r.report());
            System.out.println("[testkit] known core issue still open: " + issue.description());
        }
    }
}
