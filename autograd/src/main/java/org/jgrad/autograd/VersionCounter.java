package org.jgrad.autograd;

/**
 * Counts in-place writes to one storage; a tensor and all its views share one counter. A value saved for
 * backward remembers the version it was saved at, and backward refuses to use it if the count moved.
 */
final class VersionCounter {
    private int version;

    int get() {
        return version;
    }

    void bump() {
        version++;
    }
}
