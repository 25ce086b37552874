package org.jgrad.examples.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;

/**
 * Exact cosine nearest neighbours over a fixed set of product vectors: every query is scored against every
 * product, no index and no approximation, so it is the reference that an approximate index is measured
 * against. The product vectors are L2-normalised once and kept transposed ({@code [dim, count]}), so the
 * cosines of a block of queries are one matrix product {@code [B, dim] x [dim, count]} on jgrad's default
 * backend.
 *
 * <p>Results are deterministic: equal cosines rank the lower product id first. A zero vector has no direction;
 * it stays zero, so it scores 0 against everything and never outranks a positive cosine.
 *
 * <pre>{@code
 * ExactSearch search = new ExactSearch(productEmbeddings, 70_000, 64);
 * ExactSearch.Hits hits = search.topK(queryEmbeddings, 100, 10, null);
 * int best = hits.ids()[0][0];          // the product closest to query 0
 * float cosine = hits.scores()[0][0];
 * }</pre>
 */
public final class ExactSearch {
    /**
     * Queries per matrix product. A block's cosines are {@code BLOCK x count} floats (70 MB for 70,000
     * products), so memory stays bounded however many queries there are.
     */
    static final int BLOCK = 256;

    private final int count;
    private final int dim;
    /** The unit product vectors as columns, {@code [dim, count]}, dense: transposed once, not per block. */
    private final NDArray unitColumns;

    /**
     * For each query, its best products in rank order: {@code ids[q][i]} is the {@code i}-th closest product
     * to query {@code q} and {@code scores[q][i]} its cosine.
     */
    public record Hits(int[][] ids, float[][] scores) {
    }

    /** The search over {@code count} product vectors of {@code dim} values each, row after row in {@code rowsFlat}. */
    public ExactSearch(float[] rowsFlat, int count, int dim) {
        Objects.requireNonNull(rowsFlat, "rowsFlat");
        if (count < 1 || dim < 1) {
            throw new IllegalArgumentException("ExactSearch: count and dim must be >= 1, got count " + count
                    + ", dim " + dim);
        }
        if ((long) count * dim != rowsFlat.length) {
            throw new IllegalArgumentException("ExactSearch: rowsFlat has " + rowsFlat.length
                    + " values, expected count * dim = " + count + " * " + dim + " = " + (long) count * dim);
        }
        this.count = count;
        this.dim = dim;
        this.unitColumns = NDArray.on().of(unitRows(rowsFlat, 0, count, dim), DType.F32, count, dim)
                .transpose(0, 1).contiguous();
        // The search outlives any MemoryScope it is built in.
        MemoryScope.persist(unitColumns.storage());
    }

    /** The search over the rows of a {@code [count, dim]} array (converted to F32). */
    public static ExactSearch of(NDArray rows) {
        if (rows.rank() != 2) {
            throw new IllegalArgumentException("ExactSearch.of: expected a [count, dim] array, got shape "
                    + rows.shape());
        }
        return new ExactSearch(rows.toFloatArray(), rows.size(0), rows.size(1));
    }

    /** How many products. */
    public int count() {
        return count;
    }

    /** The length of each vector. */
    public int dim() {
        return dim;
    }

    /**
     * The {@code k} products with the highest cosine for each of {@code queryCount} queries (row after row in
     * {@code queriesFlat}). When the queries are products themselves, {@code excludeIds[q]} (if not null and
     * {@code >= 0}) is left out of query {@code q}'s results, so a product is not its own best match.
     */
    public Hits topK(float[] queriesFlat, int queryCount, int k, int[] excludeIds) {
        checkTopK(queriesFlat, queryCount, k, excludeIds);
        int[][] ids = new int[queryCount][];
        float[][] scores = new float[queryCount][];
        for (int start = 0; start < queryCount; start += BLOCK) {
            int rows = Math.min(BLOCK, queryCount - start);
            float[] block = cosines(queriesFlat, start, rows);
            for (int r = 0; r < rows; r++) {
                int q = start + r;
                int offset = r * count;
                ids[q] = best(block, offset, k, excludeIds == null ? -1 : excludeIds[q]);
                scores[q] = new float[k];
                for (int i = 0; i < k; i++) {
                    scores[q][i] = block[offset + ids[q][i]] + 0f;   // + 0f: a zero cosine reads 0.0, never -0.0
                }
            }
        }
        return new Hits(ids, scores);
    }

    /**
     * All product ids, by descending cosine to {@code query} (equal cosines: lower id first). The full
     * ranking is what average precision needs.
     */
    public int[] ranking(float[] query) {
        Objects.requireNonNull(query, "query");
        if (query.length != dim) {
            throw new IllegalArgumentException("ranking: the query has " + query.length + " values, expected dim "
                    + dim);
        }
        float[] cosines = cosines(query, 0, 1);
        // One primitive sort of packed keys (order-preserving cosine bits, flipped, then the id) instead of
        // sorting boxed ids with a comparator: about ten times faster for 70,000 products.
        long[] keys = new long[count];
        for (int j = 0; j < count; j++) {
            keys[j] = ((long) ~sortable(cosines[j]) << 32) | j;
        }
        Arrays.sort(keys);
        int[] order = new int[count];
        for (int j = 0; j < count; j++) {
            order[j] = (int) keys[j];
        }
        return order;
    }

    /** An int whose signed order is the float order ({@code -0.0} read as {@code 0.0}, as in {@link #bestFirst}). */
    static int sortable(float v) {
        int bits = Float.floatToIntBits(v + 0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The cosines of queries {@code start .. start + rows - 1} with every product, {@code [rows, count]} flat. */
    private float[] cosines(float[] queriesFlat, int start, int rows) {
        // The scope hands the block's arrays back to the backend's pool, so the next block reuses them.
        try (MemoryScope scope = MemoryScope.open()) {
            NDArray queries = NDArray.on(unitColumns.backend())
                    .of(unitRows(queriesFlat, start, rows, dim), DType.F32, rows, dim);
            return queries.matmul(unitColumns).toFloatArray();
        }
    }

    /**
     * The {@code k} best products of one row of cosines, best first, with a bounded heap whose top is the
     * worst kept so far: {@code O(count log k)} instead of sorting the whole row.
     */
    private int[] best(float[] cosines, int offset, int k, int exclude) {
        Comparator<Integer> order = bestFirst(cosines, offset);
        PriorityQueue<Integer> worstOnTop = new PriorityQueue<>(k + 1, order.reversed());
        float floor = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            // A cosine strictly below the worst kept can never enter: skip it without boxing.
            if (j == exclude || cosines[offset + j] < floor) {
                continue;
            }
            if (worstOnTop.size() < k) {
                worstOnTop.add(j);
            } else if (order.compare(j, worstOnTop.peek()) < 0) {
                worstOnTop.poll();
                worstOnTop.add(j);
            }
            if (worstOnTop.size() == k) {
                floor = cosines[offset + worstOnTop.peek()];
            }
        }
        return worstOnTop.stream().sorted(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Best first: the higher cosine, then the lower id. {@code + 0f} turns -0.0 into 0.0 so that they tie:
     * {@link Float#compare} alone would rank -0.0 below 0.0, and whether a zero cosine comes out as -0.0
     * depends on the backend's matmul kernel.
     */
    static Comparator<Integer> bestFirst(float[] cosines, int offset) {
        return (a, b) -> {
            int byScore = Float.compare(cosines[offset + b] + 0f, cosines[offset + a] + 0f);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        };
    }

    /** Rows {@code from .. from + rows - 1} of a flat matrix, each divided by its L2 norm; a zero row stays zero. */
    private static float[] unitRows(float[] flat, int from, int rows, int dim) {
        float[] unit = Arrays.copyOfRange(flat, from * dim, (from + rows) * dim);
        for (int r = 0; r < rows; r++) {
            double squares = 0;   // summed in double, so long rows lose no float digits to rounding
            for (int c = r * dim; c < (r + 1) * dim; c++) {
                squares += (double) unit[c] * unit[c];
            }
            double norm = Math.sqrt(squares);
            for (int c = r * dim; norm > 0 && c < (r + 1) * dim; c++) {
                unit[c] = (float) (unit[c] / norm);
            }
        }
        return unit;
    }

    private void checkTopK(float[] queriesFlat, int queryCount, int k, int[] excludeIds) {
        Objects.requireNonNull(queriesFlat, "queriesFlat");
        if (queryCount < 0 || (long) queryCount * dim != queriesFlat.length) {
            throw new IllegalArgumentException("topK: queriesFlat has " + queriesFlat.length
                    + " values, expected queryCount * dim = " + queryCount + " * " + dim + " = "
                    + (long) queryCount * dim);
        }
        if (k < 1 || k > count) {
            throw new IllegalArgumentException("topK: k must be in [1, " + count + "] (the product count), got " + k);
        }
        if (excludeIds == null) {
            return;
        }
        if (excludeIds.length != queryCount) {
            throw new IllegalArgumentException("topK: excludeIds has " + excludeIds.length
                    + " entries, expected one per query (" + queryCount + ")");
        }
        for (int q = 0; q < queryCount; q++) {
            if (excludeIds[q] >= count) {
                throw new IllegalArgumentException("topK: excludeIds[" + q + "] = " + excludeIds[q]
                        + " is not a product id (count " + count + ")");
            }
            if (excludeIds[q] >= 0 && k == count) {
                throw new IllegalArgumentException("topK: k = " + k + " but query " + q + " excludes product "
                        + excludeIds[q] + ", leaving only " + (count - 1) + " products");
            }
        }
    }
}
