package org.jgrad.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jgrad.core.Generator;

/**
 * Dataset utilities: {@link #randomSplit}, as {@code torch.utils.data.random_split}.
 *
 * <pre>{@code
 * List<Subset<Tensor[]>> parts = Datasets.randomSplit(ds, 42, 0.8, 0.2);   // train, validation
 * List<Subset<Tensor[]>> same = Datasets.randomSplit(ds, 42, 800, 200);    // by lengths (ds.size() == 1000)
 * }</pre>
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * Splits {@code dataset} into disjoint subsets of the given lengths that together cover it. The items are
     * a random permutation drawn from {@code new Generator(seed)}, cut into consecutive pieces, so the same
     * seed always gives the same split.
     *
     * @throws IllegalArgumentException when a length is negative or the lengths do not sum to the size
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long seed, int... lengths) {
        Objects.requireNonNull(dataset, "randomSplit: dataset must not be null");
        Objects.requireNonNull(lengths, "randomSplit: lengths must not be null");
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new IllegalArgumentException("randomSplit: length " + lengths[i] + " at position " + i
                        + " is negative; lengths must be >= 0");
            }
            total += lengths[i];
        }
        if (total != dataset.size()) {
            throw new IllegalArgumentException("randomSplit: lengths " + Arrays.toString(lengths) + " sum to "
                    + total + " but the dataset has " + dataset.size() + " items (expected them to sum to its size)");
        }
        int[] perm = Permutations.random(dataset.size(), new Generator(seed));
        List<Subset<T>> parts = new ArrayList<>(lengths.length);
        int offset = 0;
        for (int length : lengths) {
            parts.add(new Subset<>(dataset, Arrays.copyOfRange(perm, offset, offset + length)));
            offset += length;
        }
        return parts;
    }

    /**
     * Splits by fractions of the size, with PyTorch's rule: each part gets {@code floor(size * fraction)} items
     * and the remaining items are handed out one at a time, round-robin from the first part. For example 10
     * items split {@code 0.33, 0.33, 0.34} give lengths 4, 3, 3.
     *
     * <p>The fractions must each be in {@code [0, 1]} and sum to 1 within {@code 1e-9} (relative), like
     * Python's {@code math.isclose}; unlike PyTorch a sum that rounds just above 1, such as
     * {@code 0.33 + 0.56 + 0.11 = 1.0000000000000002}, is accepted too (PyTorch rejects it).
     *
     * @throws IllegalArgumentException when a fraction is outside {@code [0, 1]} or they do not sum to 1
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long seed, double... fractions) {
        Objects.requireNonNull(dataset, "randomSplit: dataset must not be null");
        return randomSplit(dataset, seed, lengthsOf(fractions, dataset.size()));
    }

    /** The part lengths for {@code fractions} of {@code n} items (package-private for tests). */
    static int[] lengthsOf(double[] fractions, int n) {
        Objects.requireNonNull(fractions, "randomSplit: fractions must not be null");
        if (fractions.length == 0) {
            throw new IllegalArgumentException("randomSplit: expected at least one fraction, got none");
        }
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new IllegalArgumentException("randomSplit: fraction " + fractions[i] + " at position " + i
                        + " is not in [0, 1]");
            }
            sum += fractions[i];
        }
        if (!(Math.abs(sum - 1) <= 1e-9)) {
            throw new IllegalArgumentException("randomSplit: fractions " + Arrays.toString(fractions) + " sum to "
                    + sum + " (expected them to sum to 1)");
        }
        int[] lengths = new int[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            lengths[i] = (int) Math.floor(n * fractions[i]);
            assigned += lengths[i];
        }
        // A sum a hair above 1 can floor to more than n in total; trim from the last parts so the lengths still cover n.
        for (int i = lengths.length - 1; assigned > n; i = (i - 1 + lengths.length) % lengths.length) {
            if (lengths[i] > 0) {
                lengths[i]--;
                assigned--;
            }
        }
        for (int i = 0; assigned < n; i = (i + 1) % lengths.length) {
            lengths[i]++;
            assigned++;
        }
        return lengths;
    }
}
