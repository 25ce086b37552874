package org.jgrad.testkit.grad;


import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Problems the database found outside testkit's reach (in Tensor.java or core, which this suite does not
 * edit), reported to their owner. The properties skip exactly the cases an issue describes, and
 * {@link KnownAutogradIssuesTest} checks that each still reproduces: once fixed, that test fails and names
 * the entry to delete here.
 */
final class KnownAutogradIssues {
    private KnownAutogradIssues() {
    }

    /** Where an issue shows. */
    enum Check { GRADCHECK, GRADGRADCHECK, FLOAT32, FORWARD, ERRORS }

    /**
     * One known issue.
     *
     * @param description what is wrong and what PyTorch does
     * @param ops         the entries it affects
     * @param checks      the properties it affects
     * @param affects     the cases it affects (of those entries and properties)
     * @param reproduces  true while the issue is still there
     */
    record Issue(String description, Set<String> ops, Set<Check> checks, Predicate<GradCase> affects,
            BooleanSupplier reproduces) {
    }

    /** Open issues; empty since in-place ops read a copy while recording, simd matmul accepts K = 0, and
     *  amax/zero_ name themselves in errors. */
    static final List<Issue> ISSUES = List.of();

    /** True when a known issue affects {@code c} under {@code check}. */
    static boolean affects(GradCase c, Check check) {
        return ISSUES.stream().anyMatch(i -> i.ops().contains(c.op().name()) && i.checks().contains(check)
                && i.affects().test(c));
    }

    /** True when a known issue affects the error cases of {@code op}. */
    static boolean affectsErrors(GradOp op) {
        return ISSUES.stream().anyMatch(i -> i.ops().contains(op.name()) && i.checks().contains(Check.ERRORS));
    }

    private static boolean raises(Runnable r) {
        try {
            r.run();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
