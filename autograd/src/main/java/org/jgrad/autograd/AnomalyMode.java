package org.jgrad.autograd;

/**
 * Debugging aid: while on, every recorded op remembers where it was created, and backward checks each
 * gradient it computes; the first NaN or Inf raises an {@link AnomalyException} naming the backward rule
 * and the forward op's creation site. Costs a stack trace per op, so it is off by default.
 *
 * <pre>{@code
 * try (var anomaly = AnomalyMode.enable()) {
 *     loss.backward();    // throws at the first rule that makes a NaN, with the forward stack trace
 * }
 * }</pre>
 */
public final class AnomalyMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private AnomalyMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns anomaly detection on for this thread until the scope closes. */
    public static GradMode.Scope enable() {
        boolean previous = ENABLED.get();
        ENABLED.set(true);
        return () -> ENABLED.set(previous);
    }

    /** Raised by backward in anomaly mode; its cause carries the forward op's creation stack trace. */
    public static final class AnomalyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AnomalyException(String message, Throwable forwardTrace) {
            super(message, forwardTrace);
        }
    }
}
