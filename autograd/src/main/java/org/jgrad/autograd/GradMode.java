package org.jgrad.autograd;

/**
 * Whether ops record a graph, per thread. {@link #noGrad()} opens a scope in which nothing is recorded
 * (evaluation, optimizer updates); closing it restores the previous mode, so scopes nest.
 *
 * <pre>{@code
 * try (var scope = GradMode.noGrad()) {
 *     Tensor y = model.forward(x);   // y.requiresGrad() is false, no graph is kept
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    /** True when ops on tensors that require grad record a graph. */
    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** A scope with recording off. */
    public static Scope noGrad() {
        return set(false);
    }

    /** A scope with recording on (e.g. inside a no-grad region). */
    public static Scope enableGrad() {
        return set(true);
    }

    static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** An {@link AutoCloseable} that restores the previous mode and throws nothing. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
