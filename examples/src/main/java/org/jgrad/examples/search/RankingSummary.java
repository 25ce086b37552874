package org.jgrad.examples.search;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link RankingMetrics} of many queries, averaged: P@k, R@k and nDCG@k for a fixed set of cut-offs
 * (5, 10 and 20 unless told otherwise) and MAP, printable as a row of a markdown table. The cut-offs are
 * fixed up front so that a query's ranking can be dropped once it is added (a whole ranking per query would
 * not fit in memory for a large collection).
 *
 * <pre>{@code
 * RankingSummary s = new RankingSummary();
 * for (int q = 0; q < queries; q++) {
 *     s.add(relevantInRankOrder(q), totalRelevant(q));
 * }
 * System.out.println(RankingSummary.markdownHeader(5, 10, 20));
 * System.out.println(s.markdownRow("hybrid", 5, 10, 20));   // | hybrid | 0.412 | ... | 0.301 |
 * }</pre>
 */
public final class RankingSummary {
    private final Map<Integer, DoubleSummaryStatistics> precision = new LinkedHashMap<>();
    private final Map<Integer, DoubleSummaryStatistics> recall = new LinkedHashMap<>();
    private final Map<Integer, DoubleSummaryStatistics> ndcg = new LinkedHashMap<>();
    private final DoubleSummaryStatistics averagePrecision = new DoubleSummaryStatistics();

    /** A summary at the cut-offs 5, 10 and 20. */
    public RankingSummary() {
        this(5, 10, 20);
    }

    /** A summary at the given cut-offs (each >= 1). */
    public RankingSummary(int... ks) {
        for (int k : ks) {
            if (k < 1) {
                throw new IllegalArgumentException("RankingSummary: cut-offs must be >= 1, got " + Arrays.toString(ks));
            }
            precision.put(k, new DoubleSummaryStatistics());
            recall.put(k, new DoubleSummaryStatistics());
            ndcg.put(k, new DoubleSummaryStatistics());
        }
    }

    /** Adds one query: its results' relevance in rank order and how many relevant items the collection holds. */
    public void add(boolean[] relevantInRankOrder, int totalRelevant) {
        for (int k : precision.keySet()) {
            precision.get(k).accept(RankingMetrics.precisionAtK(relevantInRankOrder, k));
            recall.get(k).accept(RankingMetrics.recallAtK(relevantInRankOrder, totalRelevant, k));
            ndcg.get(k).accept(RankingMetrics.ndcgAtK(relevantInRankOrder, totalRelevant, k));
        }
        averagePrecision.accept(RankingMetrics.averagePrecision(relevantInRankOrder, totalRelevant));
    }

    /** The mean P@k over the queries added (0 before any). */
    public double precision(int k) {
        return at(precision, "precision", k).getAverage();
    }

    /** The mean R@k over the queries added (0 before any). */
    public double recall(int k) {
        return at(recall, "recall", k).getAverage();
    }

    /** The mean nDCG@k over the queries added (0 before any). */
    public double ndcg(int k) {
        return at(ndcg, "ndcg", k).getAverage();
    }

    /** Mean average precision over the queries added (0 before any). */
    public double map() {
        return averagePrecision.getAverage();
    }

    /** How many queries were added. */
    public long queries() {
        return averagePrecision.getCount();
    }

    /**
     * The header and separator lines of a markdown table whose rows are {@link #markdownRow}: a name column,
     * then P@k for each k, R@k for each k, nDCG@k for each k, and MAP.
     */
    public static String markdownHeader(int... ks) {
        StringBuilder header = new StringBuilder("| model |");
        for (String metric : List.of("P@", "R@", "nDCG@")) {
            for (int k : ks) {
                header.append(' ').append(metric).append(k).append(" |");
            }
        }
        // Numbers right-aligned, so their decimal points line up.
        return header.append(" MAP |\n|---|").append("---:|".repeat(3 * ks.length + 1)).toString();
    }

    /**
     * One markdown table row, in {@link #markdownHeader}'s column order, numbers to 3 significant digits (recall
     * at K = 20 out of thousands of relevant items is about 0.003: fixed decimals would round it away).
     */
    public String markdownRow(String name, int... ks) {
        StringBuilder row = new StringBuilder("| ").append(name).append(" |");
        for (Map<Integer, DoubleSummaryStatistics> metric : List.of(precision, recall, ndcg)) {
            for (int k : ks) {
                row.append(cell(at(metric, "markdownRow", k).getAverage()));
            }
        }
        return row.append(cell(map())).toString();
    }

    /** Locale.ROOT: a decimal point whatever the machine's locale, so the table reads the same everywhere. */
    private static String cell(double v) {
        return String.format(Locale.ROOT, " %.3g |", v);
    }

    private DoubleSummaryStatistics at(Map<Integer, DoubleSummaryStatistics> metric, String method, int k) {
        DoubleSummaryStatistics s = metric.get(k);
        if (s == null) {
            throw new IllegalArgumentException(method + ": cut-off " + k + " is not tracked; this summary tracks "
                    + metric.keySet());
        }
        return s;
    }
}
