package org.jgrad.core.backend;

import java.util.Optional;

/**
 * What {@link java.util.ServiceLoader} finds: a cheap factory that can say a backend is unavailable
 * (no GPU, a JVM module missing) without loading the backend's classes.
 */
public interface BackendProvider {
    /** The backend's name, as {@link Backend#name()} will return it. */
    String name();

    /** Higher wins when no backend is chosen explicitly (reference 0, simd 10, cuda 20). */
    int priority();

    /** The backend, or empty with the reason logged once when it cannot run here. */
    Optional<Backend> create();

    /** Why {@link #create()} returned empty, or empty when it did not. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
