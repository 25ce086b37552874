package org.jgrad.examples.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ranking metrics on rankings small enough to work out by hand; the arithmetic is in the comments.
 * {@code log2(2) = 1}, {@code log2(3) = 1.58496}, {@code log2(4) = 2}, {@code log2(6) = 2.58496}.
 */
class RankingMetricsTest {
    private static final double EPS = 1e-12;
    private static final boolean T = true;
    private static final boolean F = false;

    /** Relevant at ranks 1 and 3; 3 relevant items in the collection, so one was never retrieved. */
    private static final boolean[] TFTFF = {T, F, T, F, F};

    @Test
    void precisionCountsHitsInTheFirstK() {
        assertEquals(2.0 / 5, RankingMetrics.precisionAtK(TFTFF, 5), EPS);   // ranks 1, 3 of 5
        assertEquals(1.0 / 2, RankingMetrics.precisionAtK(TFTFF, 2), EPS);   // rank 1 of 2
        assertEquals(1.0, RankingMetrics.precisionAtK(TFTFF, 1), EPS);
    }

    @Test
    void recallDividesByAllRelevantItems() {
        assertEquals(2.0 / 3, RankingMetrics.recallAtK(TFTFF, 3, 5), EPS);
        assertEquals(1.0 / 3, RankingMetrics.recallAtK(TFTFF, 3, 2), EPS);
    }

    @Test
    void ndcgDiscountsByLog2OfRankPlusOne() {
        // DCG@5 = 1/log2(2) + 1/log2(4) = 1.5; ideal (3 relevant first) = 1 + 1/log2(3) + 1/log2(4) = 2.13093
        assertEquals((1 + 1 / 2.0) / (1 + 1 / log2(3) + 1 / 2.0), RankingMetrics.ndcgAtK(TFTFF, 3, 5), EPS);
        assertEquals(0.7039180890341347, RankingMetrics.ndcgAtK(TFTFF, 3, 5), 1e-12);
        // DCG@2 = 1; ideal@2 = 1 + 1/log2(3) = 1.63093 -> 0.61315
        assertEquals(0.6131471927654584, RankingMetrics.ndcgAtK(TFTFF, 3, 2), 1e-12);
        // A perfect ranking scores 1.
        assertEquals(1.0, RankingMetrics.ndcgAtK(new boolean[] {T, T, F}, 2, 3), EPS);
    }

    @Test
    void averagePrecisionChargesForRelevantItemsNeverRetrieved() {
        // precision@1 = 1/1, precision@3 = 2/3; the third relevant item adds 0: (1 + 2/3) / 3 = 0.5556
        assertEquals((1 + 2.0 / 3) / 3, RankingMetrics.averagePrecision(TFTFF, 3), EPS);
        assertEquals(1.0, RankingMetrics.averagePrecision(new boolean[] {T, T, F}, 2), EPS);
        // one hit at rank 2 of 4 relevant: (1/2) / 4
        assertEquals(0.125, RankingMetrics.averagePrecision(new boolean[] {F, T}, 4), EPS);
    }

    @Test
    void kLargerThanTheListStillDividesByK() {
        boolean[] tf = {T, F};
        assertEquals(1.0 / 5, RankingMetrics.precisionAtK(tf, 5), EPS);   // trec_eval: 1 hit / 5, not / 2
        assertEquals(1.0 / 2, RankingMetrics.recallAtK(tf, 2, 5), EPS);
        // DCG = 1; ideal = min(5, 2) = 2 ones at the top = 1 + 1/log2(3) -> 0.61315
        assertEquals(1 / (1 + 1 / log2(3)), RankingMetrics.ndcgAtK(tf, 2, 5), EPS);
        assertEquals(0.0, RankingMetrics.precisionAtK(new boolean[0], 3), EPS);
    }

    @Test
    void nothingRelevantScoresZeroNotNaN() {
        boolean[] none = {F, F, F};
        assertEquals(0.0, RankingMetrics.precisionAtK(none, 3), EPS);
        assertEquals(0.0, RankingMetrics.recallAtK(none, 0, 3), EPS);
        assertEquals(0.0, RankingMetrics.ndcgAtK(none, 0, 3), EPS);
        assertEquals(0.0, RankingMetrics.averagePrecision(none, 0), EPS);
        // Relevant items exist but none was retrieved.
        assertEquals(0.0, RankingMetrics.ndcgAtK(none, 2, 3), EPS);
        assertEquals(0.0, RankingMetrics.averagePrecision(none, 2), EPS);
    }

    @Test
    void badArgumentsNameTheMethodAndValues() {
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.precisionAtK(TFTFF, 0));
        assertTrue(k.getMessage().contains("precisionAtK") && k.getMessage().contains("k must be >= 1, got 0"),
                k.getMessage());
        IllegalArgumentException kNdcg = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.ndcgAtK(TFTFF, 3, -1));
        assertTrue(kNdcg.getMessage().contains("ndcgAtK") && kNdcg.getMessage().contains("got -1"), kNdcg.getMessage());
        // Two relevant results in the list, but the collection claims only one.
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.recallAtK(TFTFF, 1, 5));
        assertTrue(total.getMessage().contains("recallAtK") && total.getMessage().contains("totalRelevant (1)")
                && total.getMessage().contains("2 relevant"), total.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.averagePrecision(TFTFF, 1));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.ndcgAtK(TFTFF, -1, 5));
        assertThrows(NullPointerException.class, () -> RankingMetrics.averagePrecision(null, 1));
    }

    @Test
    void summaryAveragesOverQueries() {
        RankingSummary s = new RankingSummary(5);
        s.add(TFTFF, 3);   // P@5 0.4, R@5 2/3, nDCG@5 0.70392, AP 0.55556
        s.add(new boolean[] {F, F, F, F, T}, 1);   // P@5 0.2, R@5 1, nDCG@5 1/log2(6) = 0.38685, AP 1/5
        assertEquals(2, s.queries());
        assertEquals((0.4 + 0.2) / 2, s.precision(5), EPS);
        assertEquals((2.0 / 3 + 1) / 2, s.recall(5), EPS);
        assertEquals((0.7039180890341347 + 1 / log2(6)) / 2, s.ndcg(5), 1e-12);
        assertEquals(((1 + 2.0 / 3) / 3 + 0.2) / 2, s.map(), EPS);
        assertEquals("| model | P@5 | R@5 | nDCG@5 | MAP |\n|---|---:|---:|---:|---:|", RankingSummary.markdownHeader(5));
        // 0.3, 0.8333, 0.54539, 0.37778
        assertEquals("| hybrid | 0.300 | 0.833 | 0.545 | 0.378 |", s.markdownRow("hybrid", 5));
        IllegalArgumentException untracked = assertThrows(IllegalArgumentException.class, () -> s.precision(10));
        assertTrue(untracked.getMessage().contains("10") && untracked.getMessage().contains("[5]"),
                untracked.getMessage());
    }

    @Test
    void summaryDefaultsToCutOffs5To20() {
        RankingSummary s = new RankingSummary();
        assertEquals(0, s.queries());
        assertEquals(0.0, s.map(), EPS);
        s.add(TFTFF, 3);
        assertEquals(2.0 / 10, s.precision(10), EPS);   // the list is 5 long: 2 hits / 10
        assertEquals(2.0 / 20, s.precision(20), EPS);
        assertEquals("| model | P@5 | P@10 | R@5 | R@10 | nDCG@5 | nDCG@10 | MAP |",
                RankingSummary.markdownHeader(5, 10).lines().findFirst().orElseThrow());
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
