package org.jgrad.examples.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.backend.Backends;

/**
 * The third stage of {@link ProductSearch}: indexes over the text, image and hybrid vectors of the catalogue,
 * then the evaluation table, the throughput of exact search, answers to text queries, and the PNG grids.
 */
final class SearchReport {
    private final Catalog catalog;
    private final TextEncoder encoder;
    private final Vocabulary vocab;
    private final float[] text;
    private final float[] image;
    private final float[] hybrid;
    private final int dim;
    private final ExactSearch textIndex;
    private final ExactSearch imageIndex;
    private final ExactSearch hybridIndex;
    private final Path out;

    SearchReport(Catalog catalog, TextEncoder encoder, Vocabulary vocab, Tensor text, Tensor image, Tensor hybrid,
            Path out) {
        this.catalog = catalog;
        this.encoder = encoder;
        this.vocab = vocab;
        this.text = text.data().toFloatArray();
        this.image = image.data().toFloatArray();
        this.hybrid = hybrid.data().toFloatArray();
        this.dim = text.size(1);
        this.textIndex = new ExactSearch(this.text, catalog.size(), dim);
        this.imageIndex = new ExactSearch(this.image, catalog.size(), dim);
        this.hybridIndex = new ExactSearch(this.hybrid, catalog.size(), dim);
        this.out = out;
    }

    /** Rows {@code ids} of a flat {@code [P, dim]} matrix, flat. */
    private float[] rows(float[] all, int[] ids) {
        float[] q = new float[ids.length * dim];
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(all, ids[i] * dim, q, i * dim, dim);
        }
        return q;
    }

    void evaluationTable(int[] queryIds, double textWeight, double imageWeight) {
        long start = System.nanoTime();
        String hybridName = String.format(Locale.ROOT, "hybrid (%.1f text + %.1f image)", textWeight, imageWeight);
        System.out.println(RankingSummary.markdownHeader(5, 10, 20));
        System.out.println(SearchEvaluation.run(textIndex, rows(text, queryIds), queryIds, catalog)
                .markdownRow("text-only", 5, 10, 20));
        System.out.println(SearchEvaluation.run(imageIndex, rows(image, queryIds), queryIds, catalog)
                .markdownRow("image-only", 5, 10, 20));
        System.out.println(SearchEvaluation.run(hybridIndex, rows(hybrid, queryIds), queryIds, catalog)
                .markdownRow(hybridName, 5, 10, 20));
        System.out.println(SearchEvaluation.run(hybridIndex, rows(text, queryIds), queryIds, catalog)
                .markdownRow("text query -> hybrid", 5, 10, 20));
        System.out.printf(Locale.ROOT, "(%d queries x 4 rankings of %,d products in %.1f s; a random ranking scores"
                + " P@K = %.3f, the share of a category)%n%n", queryIds.length, catalog.size(),
                (System.nanoTime() - start) / 1e9, 1.0 / catalog.words().categories().length);
    }

    /**
     * Queries per second of exact top-10 search over the hybrid index: one query at a time, and 1,000 in one call
     * (blocks of 256 queries per matrix product). The first calls of each run while the JIT compiles; they are
     * timed apart.
     */
    void throughput() {
        int n = Math.min(1_000, catalog.size());
        int[] ids = new int[n];
        Arrays.setAll(ids, i -> (int) ((long) i * catalog.size() / n));
        float[] q = rows(hybrid, ids);
        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            hybridIndex.topK(Arrays.copyOfRange(q, i * dim, (i + 1) * dim), 1, 10, null);
        }
        double warm = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        int single = Math.min(500, n);
        for (int i = 0; i < single; i++) {
            hybridIndex.topK(Arrays.copyOfRange(q, i * dim, (i + 1) * dim), 1, 10, null);
        }
        double one = (System.nanoTime() - t1) / 1e9;
        // The batched path multiplies 256 queries at once (another matmul kernel than one query's): its first calls
        // compile it, so they are timed apart and the median of the next three is the figure.
        long t2 = System.nanoTime();
        hybridIndex.topK(q, n, 10, null);
        double batchedFirst = (System.nanoTime() - t2) / 1e9;
        double[] batchedRuns = new double[3];
        for (int r = 0; r < batchedRuns.length; r++) {
            long t3 = System.nanoTime();
            hybridIndex.topK(q, n, 10, null);
            batchedRuns[r] = (System.nanoTime() - t3) / 1e9;
        }
        Arrays.sort(batchedRuns);
        double batched = batchedRuns[1];
        System.out.printf(Locale.ROOT, "exact top-10 over %,d products x %d dims (%s, backend %s, %d threads):%n",
                catalog.size(), dim, cpuModel(), Backends.defaultBackend().name(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  one query per call: %,.0f queries/s (%.2f ms each; the first 50 calls,"
                + " JIT warm-up, took %.2f s)%n", single / one, 1e3 * one / single, warm);
        System.out.printf(Locale.ROOT, "  %,d queries in one call: %,.0f queries/s (median of 3 calls; the first call, JIT"
                + " warm-up, ran at %,.0f)%n%n", n, n / batched, n / batchedFirst);
    }

    void textQueries(List<String> queries, int k) {
        if (queries.isEmpty()) {
            return;
        }
        Tensor v = EncoderTraining.textVectors(encoder, vocab, queries);
        ExactSearch.Hits hits = hybridIndex.topK(v.data().toFloatArray(), queries.size(), k, null);
        for (int q = 0; q < queries.size(); q++) {
            System.out.println("text query \"" + queries.get(q) + "\":");
            for (int i = 0; i < k; i++) {
                int id = hits.ids()[q][i];
                System.out.printf(Locale.ROOT, "  %2d. %.3f  %-12s \"%s\"%n", i + 1, hits.scores()[q][i],
                        ProductSearch.category(catalog, id), catalog.descriptions()[id]);
            }
        }
        System.out.println();
    }

    /**
     * Three PNGs of four queries each, by text, by product and by image, from categories 0, 2, 4 and 6: for
     * Fashion-MNIST the t-shirts, pullovers, coats and shirts that look alike, so the grids show the confusions
     * and not only the easy cases.
     */
    void grids(int[] queryIds, int k) throws IOException {
        int[] picks = firstOfCategories(queryIds, 0, 2, 4, 6);
        Files.createDirectories(out);
        List<String> descriptions = new ArrayList<>();
        for (int id : picks) {
            descriptions.add(catalog.descriptions()[id]);
        }
        float[] textQueries = EncoderTraining.textVectors(encoder, vocab, descriptions).data().toFloatArray();
        write("search-by-text.png", "text query -> hybrid vectors", picks, hybridIndex.topK(textQueries, picks.length,
                k, null), true);
        write("search-by-product.png", "product -> hybrid vectors", picks, hybridIndex.topK(rows(hybrid, picks),
                picks.length, k, picks), false);
        write("search-by-image.png", "image -> image vectors", picks, imageIndex.topK(rows(image, picks), picks.length,
                k, picks), false);
    }

    private void write(String file, String title, int[] queries, ExactSearch.Hits hits, boolean byText)
            throws IOException {
        List<List<ResultGrid.Tile>> grid = new ArrayList<>();
        for (int q = 0; q < queries.length; q++) {
            int self = queries[q];
            List<ResultGrid.Tile> row = new ArrayList<>();
            String caption = byText ? "\"" + catalog.descriptions()[self] + "\"" : "query\n"
                    + ProductSearch.category(catalog, self);
            row.add(ResultGrid.Tile.query(byText ? null : catalog.pixels(self), caption));
            for (int i = 0; i < hits.ids()[q].length; i++) {
                int id = hits.ids()[q][i];
                row.add(new ResultGrid.Tile(catalog.pixels(id), String.format(Locale.ROOT, "%s\n%.3f",
                        ProductSearch.category(catalog, id), hits.scores()[q][i]),
                        catalog.labels()[id] == catalog.labels()[self]));
            }
            grid.add(row);
        }
        Path png = out.resolve(file);
        ResultGrid.write(grid, title + ", exact cosine top-" + hits.ids()[0].length, png);
        System.out.println("wrote " + png);
    }

    /** The first query of each category given (categories without a query are skipped). */
    private int[] firstOfCategories(int[] ids, int... categories) {
        List<Integer> picked = new ArrayList<>();
        for (int category : categories) {
            for (int id : ids) {
                if (catalog.labels()[id] == category) {
                    picked.add(id);
                    break;
                }
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
