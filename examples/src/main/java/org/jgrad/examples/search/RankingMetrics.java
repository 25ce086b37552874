package org.jgrad.examples.search;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Ranking quality with binary relevance, as trec_eval computes it. A ranking is given as {@code relevant}, the
 * relevance of the results in rank order (the top results, or the whole ranking); {@code totalRelevant} is how
 * many relevant items the collection holds (not counting the query itself), so that recall and average
 * precision can charge for relevant items the list never reached.
 *
 * <pre>{@code
 * boolean[] r = {true, false, true, false, false};   // ranks 1 and 3 are relevant
 * RankingMetrics.precisionAtK(r, 5);                  // 2 / 5 = 0.4
 * RankingMetrics.recallAtK(r, 3, 5);                  // 2 / 3
 * RankingMetrics.averagePrecision(r, 3);              // (1/1 + 2/3) / 3
 * }</pre>
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * The share of the first {@code k} results that are relevant. A list shorter than {@code k} still divides
     * by {@code k} (as trec_eval): a system that returns fewer results does not get a better precision.
     */
    public static double precisionAtK(boolean[] relevant, int k) {
        checkK("precisionAtK", k);
        return (double) hits(relevant, k) / k;
    }

    /** The share of all relevant items found in the first {@code k} results; 0 when there are none to find. */
    public static double recallAtK(boolean[] relevant, int totalRelevant, int k) {
        checkK("recallAtK", k);
        checkTotal("recallAtK", relevant, totalRelevant);
        return totalRelevant == 0 ? 0 : (double) hits(relevant, k) / totalRelevant;
    }

    /**
     * Normalised discounted cumulative gain: {@code DCG = sum over ranks i = 1..k of rel_i / log2(i + 1)},
     * divided by the DCG of the ideal ranking ({@code min(k, totalRelevant)} relevant results first); 0 when
     * there is nothing relevant, so that the ideal is 0.
     */
    public static double ndcgAtK(boolean[] relevant, int totalRelevant, int k) {
        checkK("ndcgAtK", k);
        checkTotal("ndcgAtK", relevant, totalRelevant);
        double dcg = IntStream.range(0, Math.min(k, relevant.length)).filter(i -> relevant[i])
                .mapToDouble(RankingMetrics::discount).sum();
        double ideal = IntStream.range(0, Math.min(k, totalRelevant)).mapToDouble(RankingMetrics::discount).sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /**
     * Average precision: the precision at the rank of each relevant result, summed and divided by
     * {@code totalRelevant}, so a relevant item the list never reached counts as precision 0; 0 when there
     * is nothing relevant. The mean over queries is MAP.
     */
    public static double averagePrecision(boolean[] relevant, int totalRelevant) {
        checkTotal("averagePrecision", relevant, totalRelevant);
        if (totalRelevant == 0) {
            return 0;
        }
        double sum = 0;
        int found = 0;
        for (int i = 0; i < relevant.length; i++) {
            if (relevant[i]) {
                found++;
                sum += (double) found / (i + 1);
            }
        }
        return sum / totalRelevant;
    }

    /** The gain of a relevant result at 0-based position {@code i}, i.e. rank {@code i + 1}: {@code 1 / log2(i + 2)}. */
    private static double discount(int i) {
        return Math.log(2) / Math.log(i + 2);
    }

    /** How many of the first {@code n} results (or all, when the list is shorter) are relevant. */
    private static int hits(boolean[] relevant, int n) {
        Objects.requireNonNull(relevant, "relevant");
        return (int) IntStream.range(0, Math.min(n, relevant.length)).filter(i -> relevant[i]).count();
    }

    private static void checkK(String method, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(method + ": k must be >= 1, got " + k);
        }
    }

    /** A list with more relevant results than the collection holds means the caller's counts disagree. */
    private static void checkTotal(String method, boolean[] relevant, int totalRelevant) {
        int inList = hits(relevant, Integer.MAX_VALUE);
        if (totalRelevant < inList) {
            throw new IllegalArgumentException(method + ": totalRelevant (" + totalRelevant + ") is smaller than the "
                    + inList + " relevant results in the list");
        }
    }
}
