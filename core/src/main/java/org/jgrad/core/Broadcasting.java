package org.jgrad.core;

/** NumPy broadcasting rules for shapes, with errors that name the op and both shapes. */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * The broadcast shape of {@code a} and {@code b}: dims are aligned from the right, and each pair must be
     * equal or contain a 1.
     */
    static Shape broadcastShapes(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " are not broadcastable: dim "
                        + (i - rank) + " has sizes " + da + " and " + db + " (expected equal sizes or one of them 1)");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }
}
