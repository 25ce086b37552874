package org.jgrad.examples.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.examples.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Product search with learned embeddings: a CNN learns image vectors from the categories, a text encoder learns
 * to place each description near its product's image vector (InfoNCE), and hybrid vectors mix the two (0.7
 * text, 0.3 image). Exact cosine search over the whole catalogue answers queries by text, by product or by
 * image; the report shows Precision/Recall/nDCG@K and MAP per kind of vector, queries per second, and PNG grids
 * of queries with their results.
 *
 * <pre>
 * ./jgrad example search.ProductSearch [--data auto|fashion|drawn|DIR] [--cnn-epochs 2] [--query "dark leather boots"]
 * </pre>
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Train image and text encoders on the catalogue, then search it by text, product or image.")
public final class ProductSearch implements Callable<Integer> {
    @Option(names = "--data", description = "auto (Fashion-MNIST if installed, else drawn digits), fashion, drawn, or"
            + " a folder of MNIST-format IDX files (default ${DEFAULT-VALUE})")
    String data = "auto";
    @Option(names = "--train-size", description = "training products (default ${DEFAULT-VALUE})")
    int trainSize = 60_000;
    @Option(names = "--test-size", description = "held-out products, queries come from them (default ${DEFAULT-VALUE})")
    int testSize = 10_000;
    @Option(names = "--dim", description = "length of the image and text vectors (default ${DEFAULT-VALUE})")
    int dim = 64;
    @Option(names = "--cnn-epochs", description = "epochs of the image encoder (default ${DEFAULT-VALUE})")
    int cnnEpochs = 2;
    @Option(names = "--text-epochs", description = "epochs of the text encoder (default ${DEFAULT-VALUE})")
    int textEpochs = 3;
    @Option(names = "--temperature", description = "InfoNCE temperature (default ${DEFAULT-VALUE})")
    double temperature = 0.1;
    @Option(names = "--text-weight", description = "weight of the text vector in hybrid vectors (default ${DEFAULT-VALUE})")
    double textWeight = 0.7;
    @Option(names = "--image-weight", description = "weight of the image vector in hybrid vectors (default"
            + " ${DEFAULT-VALUE})")
    double imageWeight = 0.3;
    @Option(names = "--queries", description = "held-out products used as evaluation queries (default ${DEFAULT-VALUE})")
    int queries = 1_000;
    @Option(names = "--query", description = "a text query to answer (repeatable; default: two examples)")
    List<String> textQueries = new ArrayList<>(List.of("dark leather ankle boots", "light summer dress"));
    @Option(names = "--top-k", description = "results shown per query (default ${DEFAULT-VALUE})")
    int topK = 8;
    @Option(names = "--seed", description = "seed of the data, the weights and the shuffles (default ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--out", description = "folder of the PNG grids (default ${DEFAULT-VALUE})")
    Path out = Path.of("reports");

    public static void main(String[] args) {
        System.exit(Cli.run(new ProductSearch(), args));
    }

    @Override
    public Integer call() throws Exception {
        check();
        Catalog catalog = Catalog.load(data, trainSize, testSize, seed);
        System.out.printf("product search: %,d products (%s): %,d train the encoders, %,d held out%n", catalog.size(),
                catalog.source(), catalog.trainCount(), catalog.size() - catalog.trainCount());
        System.out.println("  e.g. #" + catalog.trainCount() + " (" + category(catalog, catalog.trainCount()) + "): \""
                + catalog.descriptions()[catalog.trainCount()] + "\"");

        System.out.printf("%n[1/3] image encoder: CNN conv3x3(16)-pool-conv3x3(32)-pool-linear(%d)-linear(%d), Adam 1e-3,"
                + " batch 64%n", dim, catalog.words().categories().length);
        System.out.println("  epoch  train loss  held-out accuracy  seconds");
        ImageEncoder cnn = new ImageEncoder(dim, catalog.words().categories().length, new Generator(seed));
        EncoderTraining.trainImages(cnn, catalog, cnnEpochs, 64, 1e-3, seed, r -> System.out.printf(Locale.ROOT,
                "  %5d  %10.4f  %16.2f%%  %7.1f%n", (int) r[0], r[1], r[2], r[3]));
        Tensor image = EncoderTraining.imageVectors(cnn, catalog);

        Vocabulary vocab = Vocabulary.of(Arrays.asList(catalog.descriptions()).subList(0, catalog.trainCount()));
        System.out.printf("%n[2/3] text encoder: mean of word embeddings (%d words) -> linear(%d), InfoNCE at"
                + " temperature %s against the image vectors, Adam 3e-3, batch 256%n", vocab.size(), dim, temperature);
        System.out.println("  epoch  InfoNCE loss  seconds   (chance: ln 256 = 5.545)");
        TextEncoder textEncoder = new TextEncoder(vocab.size(), dim, dim, new Generator(seed + 1));
        EncoderTraining.trainText(textEncoder, vocab, catalog, image, textEpochs, 256, 3e-3, temperature, seed,
                r -> System.out.printf(Locale.ROOT, "  %5d  %12.4f  %7.1f%n", (int) r[0], r[1], r[2]));
        Tensor text = EncoderTraining.textVectors(textEncoder, vocab, Arrays.asList(catalog.descriptions()));
        Tensor hybrid = HybridVectors.combine(text, image, textWeight, imageWeight);

        SearchReport report = new SearchReport(catalog, textEncoder, vocab, text, image, hybrid, out);
        System.out.printf("%n[3/3] exact cosine search over %,d products; relevance = same category; %d held-out"
                + " products as queries (each left out of its own results)%n%n", catalog.size(), queries);
        int[] queryIds = queryIds(catalog);
        report.evaluationTable(queryIds, textWeight, imageWeight);
        report.throughput();
        report.textQueries(textQueries, topK);
        report.grids(queryIds, topK);
        return 0;
    }

    /** The first {@code queries} held-out products, spread evenly over the held-out range. */
    private int[] queryIds(Catalog c) {
        int held = c.size() - c.trainCount();
        int n = Math.min(queries, held);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = c.trainCount() + (int) ((long) i * held / n);
        }
        return ids;
    }

    static String category(Catalog c, int id) {
        return c.words().categories()[c.labels()[id]];
    }

    /** A bad option value: one line and exit code 2, before any work starts. */
    private void require(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(new CommandLine(this), message);
        }
    }

    private void check() {
        require(trainSize >= 64, "--train-size must be at least 64 (one batch), got " + trainSize);
        require(testSize >= 1, "--test-size must be at least 1, got " + testSize);
        require(dim >= 1, "--dim must be at least 1, got " + dim);
        require(cnnEpochs >= 1 && textEpochs >= 1, "--cnn-epochs and --text-epochs must be at least 1");
        require(temperature > 0, "--temperature must be positive, got " + temperature);
        require(textWeight >= 0 && imageWeight >= 0 && textWeight + imageWeight > 0,
                "--text-weight and --image-weight must be >= 0 and not both 0");
        require(queries >= 1, "--queries must be at least 1, got " + queries);
        require(topK >= 1 && topK <= 20, "--top-k must be in [1, 20], got " + topK);
    }
}
