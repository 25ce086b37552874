package org.jgrad.nn.data;

/** Index checks shared by the datasets, so every one reports a bad index the same way. */
final class Indices {
    private Indices() {
    }

    static void check(String who, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(who + ": index " + index + " is out of range for a dataset of size "
                    + size + " (expected 0 <= index < " + size + ")");
        }
    }

    static void checkAll(String who, int[] indices, int size) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IndexOutOfBoundsException(who + ": indices[" + i + "] = " + indices[i]
                        + " is out of range for a dataset of size " + size + " (expected 0 <= index < " + size + ")");
            }
        }
    }
}
