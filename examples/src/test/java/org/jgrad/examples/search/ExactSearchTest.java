package org.jgrad.examples.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Exact cosine search: orders worked out by hand in 2-D, ties, exclusion, and blocks against brute force. */
class ExactSearchTest {
    private static final float S = (float) Math.sqrt(0.5);   // cos 45 degrees = 0.70711

    /**
     * Six products in 2-D: 0 = (1, 0), 1 = (0, 1), 2 = (1, 1), 3 = (2, 0) (the direction of 0, so it ties
     * with it), 4 = (0, 0) (no direction), 5 = (-1, 0).
     */
    private static final float[] PRODUCTS = {1, 0, 0, 1, 1, 1, 2, 0, 0, 0, -1, 0};

    private final ExactSearch search = new ExactSearch(PRODUCTS, 6, 2);

    @Test
    void ranksByCosineWithTiesToTheLowerId() {
        // Query (1, 0): cosines 1, 0, 0.707, 1, 0, -1. Ties 0/3 (1) and 1/4 (0) go to the lower id; the zero
        // product 4 scores 0, below the positive 2.
        assertArrayEquals(new int[] {0, 3, 2, 1, 4, 5}, search.ranking(new float[] {1, 0}));
        // Query (0, -3): cosines 0, -1, -0.707, 0, 0, 0; the four zeros by id.
        assertArrayEquals(new int[] {0, 3, 4, 5, 2, 1}, search.ranking(new float[] {0, -3}));
        // A zero query has no direction: every cosine is 0, so the ranking is by id.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, search.ranking(new float[] {0, 0}));

        ExactSearch.Hits hits = search.topK(new float[] {1, 0, 0, -3}, 2, 3, null);
        assertArrayEquals(new int[] {0, 3, 2}, hits.ids()[0]);
        assertArrayEquals(new float[] {1, 1, S}, hits.scores()[0], 1e-6f);
        assertArrayEquals(new int[] {0, 3, 4}, hits.ids()[1]);
        assertArrayEquals(new float[] {0, 0, 0}, hits.scores()[1], 1e-6f);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // Some matmul kernels give -0.0 for a zero cosine; it must tie with 0.0 and fall back to the id.
        float[] cosines = {-0f, 0f, 0.5f, -0f};
        int[] order = IntStream.range(0, 4).boxed().sorted(ExactSearch.bestFirst(cosines, 0))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(new int[] {2, 0, 1, 3}, order);
    }

    @Test
    void excludesTheQueryProduct() {
        // Products 0 and 1 as queries, each leaving itself out; -1 leaves nothing out.
        ExactSearch.Hits hits = search.topK(new float[] {1, 0, 0, 1, 1, 0}, 3, 2, new int[] {0, 1, -1});
        assertArrayEquals(new int[] {3, 2}, hits.ids()[0]);   // 0 itself (cosine 1) is gone; 3 ties with it
        assertArrayEquals(new int[] {2, 0}, hits.ids()[1]);   // (0, 1): 2 at 0.707, then 0, 3, 4, 5 at 0
        assertArrayEquals(new int[] {0, 3}, hits.ids()[2]);
    }

    @Test
    void topKOfEverythingIsTheRanking() {
        float[] queries = {0.3f, -0.7f, -2, 0.1f};
        ExactSearch.Hits hits = search.topK(queries, 2, 6, null);
        assertArrayEquals(search.ranking(new float[] {0.3f, -0.7f}), hits.ids()[0]);
        assertArrayEquals(search.ranking(new float[] {-2, 0.1f}), hits.ids()[1]);
    }

    @Test
    void anNDArrayOfRowsSearchesTheSame() {
        ExactSearch fromArray = ExactSearch.of(NDArray.of(new float[][] {{1, 0}, {0, 1}, {1, 1}, {2, 0}, {0, 0}, {-1, 0}}));
        assertEquals(6, fromArray.count());
        assertEquals(2, fromArray.dim());
        assertArrayEquals(search.ranking(new float[] {1, 0.2f}), fromArray.ranking(new float[] {1, 0.2f}));
    }

    /** 300 queries span two blocks of 256; each is checked against cosines computed in double, one by one. */
    @Test
    void blocksAgreeWithBruteForce() {
        int count = 40;
        int dim = 8;
        int queryCount = 300;
        int k = 7;
        Random random = new Random(7);
        float[] products = gaussian(random, count * dim);
        java.util.Arrays.fill(products, 0, dim, 0f);   // product 0 is a zero vector
        float[] queries = gaussian(random, queryCount * dim);
        int[] exclude = IntStream.range(0, queryCount).map(q -> q % 3 == 0 ? q % count : -1).toArray();

        assertTrue(queryCount > ExactSearch.BLOCK, "the test must cross a block boundary");
        ExactSearch.Hits hits = new ExactSearch(products, count, dim).topK(queries, queryCount, k, exclude);
        for (int q = 0; q < queryCount; q++) {
            double[] cos = new double[count];
            for (int p = 0; p < count; p++) {
                cos[p] = cosine(queries, q, products, p, dim);
            }
            int excluded = exclude[q];
            int[] expected = IntStream.range(0, count).filter(p -> p != excluded).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(p -> -cos[p]).thenComparingInt(p -> p))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, hits.ids()[q], "query " + q);
            for (int i = 0; i < k; i++) {
                assertEquals(cos[expected[i]], hits.scores()[q][i], 1e-5, "query " + q + ", rank " + i);
            }
        }
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertMessage(() -> search.topK(new float[] {1, 0}, 1, 0, null), "k must be in [1, 6]", "got 0");
        assertMessage(() -> search.topK(new float[] {1, 0}, 1, 7, null), "k must be in [1, 6]", "got 7");
        assertMessage(() -> search.topK(new float[] {1, 0, 1}, 2, 1, null), "3 values", "2 * 2 = 4");
        assertMessage(() -> search.topK(new float[] {1, 0}, 1, 1, new int[] {0, 1}), "excludeIds has 2", "(1)");
        assertMessage(() -> search.topK(new float[] {1, 0}, 1, 1, new int[] {6}), "excludeIds[0] = 6");
        assertMessage(() -> search.topK(new float[] {1, 0}, 1, 6, new int[] {2}), "k = 6", "only 5");
        assertMessage(() -> search.ranking(new float[] {1, 0, 0}), "ranking", "3 values", "dim 2");
        assertMessage(() -> new ExactSearch(new float[5], 3, 2), "5 values", "3 * 2 = 6");
        assertMessage(() -> new ExactSearch(new float[0], 0, 2), "count 0");
        assertMessage(() -> ExactSearch.of(NDArray.of(new float[] {1, 2})), "[count, dim]", "[2]");
    }

    private static void assertMessage(Executable call, String... parts) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' should mention '" + part + "'");
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** In double; 0 for a zero vector, as ExactSearch promises. */
    private static double cosine(float[] a, int row, float[] b, int column, int dim) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < dim; i++) {
            double x = a[row * dim + i];
            double y = b[column * dim + i];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
