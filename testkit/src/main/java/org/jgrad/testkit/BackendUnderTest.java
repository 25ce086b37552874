package org.jgrad.testkit;

import java.util.Optional;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;

/**
 * The backend the differential suites test against the reference: the one named by the system property
 * {@value #PROPERTY} (default {@code simd}). When it is not available, the reference backend stands in, so
 * the suites still run and check themselves, and {@link #describe()} says so loudly.
 *
 * <pre>{@code
 * mvn -pl testkit test                                   // tests simd at its preferred width
 * mvn -pl testkit test -Djgrad.testkit.backend=cuda      // tests another backend
 * }</pre>
 */
public final class BackendUnderTest {
    /** System property naming the backend under test. */
    public static final String PROPERTY = "jgrad.testkit.backend";

    private BackendUnderTest() {
    }

    /** The name asked for. */
    public static String requested() {
        return System.getProperty(PROPERTY, "simd").trim();
    }

    /** The backend under test, or the reference standing in when it is unavailable. */
    public static Backend get() {
        return find().orElseGet(() -> Backends.get("reference"));
    }

    /** True when the requested backend is missing and the reference stands in. */
    public static boolean isStandIn() {
        return find().isEmpty();
    }

    /** E.g. {@code simd (jgrad.simd.width=0)} or {@code reference STANDING IN for missing backend 'simd'}. */
    public static String describe() {
        String width = System.getProperty("jgrad.simd.width");
        String w = " (jgrad.simd.width=" + (width == null ? "unset: preferred" : width) + ")";
        if (isStandIn()) {
            return "reference STANDING IN for missing backend '" + requested() + "'" + w + "; available: "
                    + Backends.names();
        }
        return requested() + w;
    }

    private static Optional<Backend> find() {
        try {
            return Backends.find(requested());
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            return Optional.empty();
        }
    }
}
