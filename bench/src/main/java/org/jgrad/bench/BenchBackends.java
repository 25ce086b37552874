package org.jgrad.bench;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.cpu.Parallel;

/**
 * Turns a benchmark's {@code backend} parameter into a backend: {@code "reference"}, {@code "simd"} (all
 * cores) or {@code "simd:1"} (one thread; any {@code name:T} sets T threads).
 *
 * <p>jgrad reads {@code -Djgrad.threads} once per JVM, and JMH runs every parameter combination in a fresh
 * JVM (a fork), so the thread count is set here, in the trial set-up, before any kernel has run. With
 * {@code -f 0} (no forks) that cannot work, and {@link #open} says so instead of measuring the wrong thing.
 *
 * <pre>{@code
 * @Param({"simd:1", "simd"}) String backend;
 * @Setup public void setup() { Backend b = BenchBackends.open(backend); ... }
 * }</pre>
 */
public final class BenchBackends {
    private BenchBackends() {
    }

    /** The backend named by {@code spec}, with jgrad's thread count set as the spec asks. */
    public static Backend open(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        int wanted = colon < 0 ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(spec.substring(colon + 1));
        System.setProperty(Parallel.THREADS_PROPERTY, Integer.toString(wanted));
        if (Parallel.threads() != wanted) {
            throw new IllegalStateException("backend " + spec + " needs " + wanted + " threads, but jgrad already runs"
                    + " with " + Parallel.threads() + " in this JVM (the count is read once); run JMH with forks (-f 1)");
        }
        return Backends.get(name);
    }

    /** Threads a spec runs on, as reports print it: 1 for the (scalar, single-threaded) reference. */
    public static int threads(String spec) {
        if (spec.startsWith("reference")) {
            return 1;
        }
        int colon = spec.indexOf(':');
        return colon < 0 ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(spec.substring(colon + 1));
    }
}
