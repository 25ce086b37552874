package org.jgrad.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;

/** The GPU for tests: skips them with one line saying why where there is none (CI has no GPU). */
final class Gpu {
    private static final String WHY_NOT = reason();
    private static boolean told;

    private Gpu() {
    }

    /** Why the GPU cannot be used here, or null when it can. */
    static String whyNot() {
        return WHY_NOT;
    }

    private static String reason() {
        try {
            Backends.get(CudaBackend.NAME);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The cuda backend, or the test is skipped (one line: the reason). */
    static CudaBackend require() {
        if (WHY_NOT != null && !told) {
            told = true;
            System.out.println("[cuda] GPU tests skipped: " + WHY_NOT);
        }
        assumeTrue(WHY_NOT == null, () -> "no GPU here: " + WHY_NOT);
        return (CudaBackend) Backends.get(CudaBackend.NAME);
    }

    /** Runs {@code work} with {@code backend} as the default backend (models and data made inside live there). */
    static <T> T withDefault(Backend backend, Supplier<T> work) {
        String before = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, backend.name());
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, before);
            }
        }
    }
}
