package org.jgrad.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.function.Supplier;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;

/**
 * The GPU for tests: skips them with one line saying why where there is none, and says once when they run on
 * the CPU emulator of the driver (cuda/emulator; the Maven build's default, so CI runs them without a GPU).
 */
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
        if (!told) {
            told = true;
            if (WHY_NOT != null) {
                System.out.println("[cuda] GPU tests skipped: " + WHY_NOT);
            } else if (emulated()) {
                System.out.println("[cuda] GPU tests run on the CPU emulator of the CUDA driver (cuda/emulator):"
                        + " kernels and host code are checked, speed is not");
            }
        }
        assumeTrue(WHY_NOT == null, () -> "no GPU here: " + WHY_NOT);
        return (CudaBackend) Backends.get(CudaBackend.NAME);
    }

    /** True when the "GPU" is cuda/emulator's libcuda.so.1 (kernels run on the CPU, a thousand times slower). */
    static boolean emulated() {
        return WHY_NOT == null && ((CudaBackend) Backends.get(CudaBackend.NAME)).device().name().contains("emulator");
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
