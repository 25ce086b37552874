package org.jgrad.core.cpu;

/**
 * Reading the CPU backends' numeric system properties, with one error format. Its own class so that reading
 * one never runs another class's static set-up (which may read a property that is being tested).
 *
 * <pre>{@code
 * long spin = SystemProperties.wholeNumber("jgrad.spinMicros", 50, 0, "a spin time (expected whole microseconds >= 0)");
 * }</pre>
 */
final class SystemProperties {
    private SystemProperties() {
    }

    /** A whole-number system property of at least {@code min}, or {@code dflt} when unset; else an error naming it. */
    static long wholeNumber(String name, long dflt, long min, String expected) {
        String s = System.getProperty(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            long v = Long.parseLong(s.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("-D" + name + "=" + s + " is not " + expected);
    }
}
