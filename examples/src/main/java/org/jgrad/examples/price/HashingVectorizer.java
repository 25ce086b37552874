package org.jgrad.examples.price;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Text to a fixed number of binary features without a vocabulary (scikit-learn's {@code HashingVectorizer}
 * with {@code binary=True}): lower-case words, English stop words dropped, each word hashed to one of
 * {@code features} columns; a column is 1 when any word of the text lands there.
 *
 * <pre>{@code
 * int[] columns = new HashingVectorizer(5000).columns("Acme leather boots, size 42");   // sorted, distinct
 * }</pre>
 */
public final class HashingVectorizer {
    /** A short English stop-word list (scikit-learn's has 318; these are the ones product titles use). */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
            "has", "in", "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "with", "very",
            "new", "our", "your", "you", "we", "all", "more", "most", "so", "than", "too", "into", "over");

    private final int features;

    public HashingVectorizer(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("HashingVectorizer: features must be positive, got " + features);
        }
        this.features = features;
    }

    public int features() {
        return features;
    }

    /** The columns set to 1 for {@code text}: sorted and distinct. */
    public int[] columns(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        int[] cols = new int[words.length];
        int n = 0;
        for (String w : words) {
            if (!w.isEmpty() && !STOP_WORDS.contains(w)) {
                cols[n++] = Math.floorMod(mix(w.hashCode()), features);
            }
        }
        return Arrays.stream(cols, 0, n).sorted().distinct().toArray();
    }

    /** A finalizer that spreads String.hashCode's bits (MurmurHash3's fmix32), so nearby words land apart. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
