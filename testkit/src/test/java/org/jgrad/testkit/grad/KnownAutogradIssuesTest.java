package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each known issue still reproduces; when one is fixed, this fails and says which entry to delete. */
class KnownAutogradIssuesTest {
    @Test
    void everyKnownIssueStillReproduces() {
        for (KnownAutogradIssues.Issue issue : KnownAutogradIssues.ISSUES) {
            assertTrue(issue.reproduces().getAsBoolean(), "fixed, so delete this entry from KnownAutogradIssues: "
                    + issue.description());
        }
    }
}
