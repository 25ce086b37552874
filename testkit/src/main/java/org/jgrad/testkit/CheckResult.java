package org.jgrad.testkit;

/**
 * The verdict of one generic check on one sample: passed, or failed with a report that names the op, the
 * sample and the first mismatching elements.
 *
 * <pre>{@code
 * BackendAgreement.check(op, sample, tested, Target.reference()).orThrow();   // in a jqwik property
 * }</pre>
 *
 * @param passed true when the check holds
 * @param report what was compared, or what went wrong
 */
public record CheckResult(boolean passed, String report) {

    public static CheckResult pass(String report) {
        return new CheckResult(true, report);
    }

    public static CheckResult fail(String report) {
        return new CheckResult(false, report);
    }

    /** Throws an {@link AssertionError} with the report when the check failed. */
    public void orThrow() {
        if (!passed) {
            throw new AssertionError(report);
        }
    }
}
