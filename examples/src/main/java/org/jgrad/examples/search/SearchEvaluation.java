package org.jgrad.examples.search;

/**
 * Retrieval quality with relevance = same category: each query is a held-out product, ranked against the whole
 * catalogue without itself; Precision@K, Recall@K and nDCG@K for K = 5, 10, 20 and MAP over the full ranking.
 *
 * <pre>{@code
 * RankingSummary s = SearchEvaluation.run(index, queryVectors, queryIds, catalog);
 * System.out.println(s.markdownRow("hybrid", 5, 10, 20));
 * }</pre>
 */
public final class SearchEvaluation {
    private SearchEvaluation() {
    }

    /**
     * @param index        the catalogue's vectors of one kind
     * @param queryVectors one row of {@code index.dim()} values per query, flat
     * @param queryIds     the product each query stands for (its category decides relevance; it is left out)
     */
    public static RankingSummary run(ExactSearch index, float[] queryVectors, int[] queryIds, Catalog catalog) {
        int[] labels = catalog.labels();
        int[] perCategory = catalog.categoryCounts();
        RankingSummary summary = new RankingSummary(5, 10, 20);
        int dim = index.dim();
        for (int q = 0; q < queryIds.length; q++) {
            float[] query = java.util.Arrays.copyOfRange(queryVectors, q * dim, (q + 1) * dim);
            int[] ranking = index.ranking(query);
            int self = queryIds[q];
            boolean[] relevant = new boolean[ranking.length - 1];
            int i = 0;
            for (int id : ranking) {
                if (id != self) {
                    relevant[i++] = labels[id] == labels[self];
                }
            }
            summary.add(relevant, perCategory[labels[self]] - 1);
        }
        return summary;
    }
}
