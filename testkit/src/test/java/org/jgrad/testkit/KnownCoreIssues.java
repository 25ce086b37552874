package org.jgrad.testkit;

import java.util.List;
import java.util.function.Predicate;

/**
 * Core behaviours that differ from PyTorch, reported to core's owner and not yet fixed. The properties skip
 * exactly the cases an issue describes (nothing else), and {@link KnownCoreIssuesTest} checks that each
 * issue still reproduces: once core is fixed, that test fails and names the entry to delete here.
 */
final class KnownCoreIssues {
    private KnownCoreIssues() {
    }

    /**
     * One known issue.
     *
     * @param description what is wrong and what PyTorch does
     * @param affects     the generated cases it affects
     * @param reproducer  a minimal case that shows it
     */
    record Issue(String description, Predicate<OpCase> affects, OpCase reproducer) {
    }

    /** Open issues; empty now that argmax of empty inputs, linspace(.., 1) and 0-d gather are fixed. */
    static final List<Issue> ISSUES = List.of();

    /** True when a known issue affects this case. */
    static boolean affects(OpCase c) {
        return ISSUES.stream().anyMatch(i -> i.affects().test(c));
    }
}
