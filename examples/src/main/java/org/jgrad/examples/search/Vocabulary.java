package org.jgrad.examples.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * Words to ids for the text encoder: lower-cased, split on whitespace (hyphenated words such as
 * {@code long-sleeve} stay one token). Id 0 is padding, id 1 an unknown word; the others in order of first
 * appearance in the texts the vocabulary was built from.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.of(trainDescriptions);
 * Tensor ids = v.encode(List.of("dark wool coat", "boots"));   // I64 [2, 3]: the second row padded with 0
 * }</pre>
 */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNKNOWN = 1;
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    private Vocabulary() {
        ids.put("<pad>", PAD);
        ids.put("<unk>", UNKNOWN);
    }

    public static Vocabulary of(Iterable<String> texts) {
        Vocabulary v = new Vocabulary();
        for (String t : texts) {
            for (String w : tokens(t)) {
                v.ids.putIfAbsent(w, v.ids.size());
            }
        }
        return v;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Ids including padding and unknown. */
    public int size() {
        return ids.size();
    }

    public int id(String word) {
        return ids.getOrDefault(word.toLowerCase(Locale.ROOT), UNKNOWN);
    }

    /** {@code [B, L]} I64 ids, L the longest text's token count (at least 1), shorter rows padded with 0. */
    public Tensor encode(List<String> texts) {
        List<List<String>> tokenized = new ArrayList<>();
        int len = 1;
        for (String t : texts) {
            List<String> w = tokens(t);
            tokenized.add(w);
            len = Math.max(len, w.size());
        }
        long[] flat = new long[texts.size() * len];
        for (int i = 0; i < tokenized.size(); i++) {
            List<String> w = tokenized.get(i);
            for (int j = 0; j < w.size(); j++) {
                flat[i * len + j] = id(w.get(j));
            }
        }
        return Tensor.of(NDArray.on().of(flat, DType.I64, texts.size(), len));
    }
}
