package org.jgrad.examples.recommender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.examples.Cli;
import org.jgrad.examples.RegressionScores;
import org.jgrad.examples.hippo.HippoTrainer;
import org.jgrad.nn.Module;
import org.jgrad.nn.io.TrainingCheckpoint;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.loss.MSELoss;
import org.jgrad.nn.optim.Adam;
import org.jgrad.nn.optim.EarlyStopping;
import org.jgrad.nn.optim.MetricMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains the {@link HybridRecommender} on the generated {@link Marketplace}: Adam lr 1e-3, batch 256, MSE, early
 * stopping with patience 5 on the validation loss, the best model saved with its metadata; then the report: the
 * parameters per component, test MSE / MAE / R^2 against a mean predictor and a content-only linear model, the
 * learned mix, and the loss curves as a PNG.
 *
 * <pre>
 * ./jgrad example recommender.RecommenderRun [--checkpoint PATH] [--out DIR]
 * </pre>
 */
@Command(name = "recommender", mixinStandardHelpOptions = true,
        description = "Train the hybrid recommender on the generated marketplace and report how it does.")
public final class RecommenderRun implements Callable<Integer> {
    @Option(names = "--seed", description = "seed of the data, the split and the model (default ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--max-epochs", description = "epochs at most; early stopping ends sooner (default ${DEFAULT-VALUE})")
    int maxEpochs = 200;
    @Option(names = "--checkpoint", description = "where the best model goes (default ${DEFAULT-VALUE})")
    Path checkpoint = Path.of("checkpoints", "recommender.safetensors");
    @Option(names = "--out", description = "folder of the loss-curve PNG (default ${DEFAULT-VALUE})")
    Path out = Path.of("reports");

    public static void main(String[] args) {
        System.exit(Cli.run(new RecommenderRun(), args));
    }

    /** One split of the jobs as tensors. */
    record Split(Tensor clients, Tensor cleaners, Tensor features, Tensor ratings) {
        int size() {
            return ratings.shape().dim(0);
        }

        static Split of(Marketplace m, long[] rows) {
            long[] u = new long[rows.length];
            long[] c = new long[rows.length];
            float[] x = new float[rows.length * Marketplace.FEATURES];
            float[] y = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int j = (int) rows[i];
                u[i] = m.client()[j];
                c[i] = m.cleaner()[j];
                System.arraycopy(m.features()[j], 0, x, i * Marketplace.FEATURES, Marketplace.FEATURES);
                y[i] = m.rating()[j];
            }
            return new Split(Tensor.of(NDArray.on().of(u, DType.I64, rows.length)),
                    Tensor.of(NDArray.on().of(c, DType.I64, rows.length)),
                    Tensor.of(NDArray.on().of(x, DType.F32, rows.length, Marketplace.FEATURES)),
                    Tensor.of(NDArray.on().of(y, DType.F32, rows.length, 1)));
        }

        Split rows(int from, int to) {
            return new Split(clients.slice(0, from, to, 1), cleaners.slice(0, from, to, 1),
                    features.slice(0, from, to, 1), ratings.slice(0, from, to, 1));
        }
    }

    /** Train / validation / test, 80 / 10 / 10, shuffled by the seed. */
    record Data(Split train, Split validation, Split test) {
        static Data of(Marketplace m, long seed) {
            long[] order = HippoTrainer.permutation(m.jobs(), new Generator(seed + 7));
            int nTrain = m.jobs() * 8 / 10;
            int nVal = m.jobs() / 10;
            return new Data(Split.of(m, java.util.Arrays.copyOfRange(order, 0, nTrain)),
                    Split.of(m, java.util.Arrays.copyOfRange(order, nTrain, nTrain + nVal)),
                    Split.of(m, java.util.Arrays.copyOfRange(order, nTrain + nVal, m.jobs())));
        }
    }

    static double[] values(Tensor t) {
        return (double[]) t.data().to(DType.F64).toArray();
    }

    /** The model's predictions for a split, in evaluation mode. */
    static double[] predict(HybridRecommender model, Split s) {
        model.eval();
        try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
            return values(model.forward(s.clients(), s.cleaners(), s.features()));
        } finally {
            model.train();
        }
    }

    /** The training run's outcome. */
    record Outcome(HybridRecommender model, int bestEpoch, List<double[]> curve, RegressionScores test) {
    }

    static Outcome train(Data d, long seed, int maxEpochs, Path checkpoint) throws IOException {
        HybridRecommender model = new HybridRecommender(new Generator(seed));
        Adam adam = new Adam(model.parameters(), new Adam.Options().lr(1e-3));
        EarlyStopping early = new EarlyStopping(5, 0, MetricMode.MIN, true);
        MSELoss mse = new MSELoss();
        List<double[]> curve = new ArrayList<>();
        int batch = 256;
        Generator shuffle = new Generator(seed + 11);
        for (int epoch = 1; epoch <= maxEpochs; epoch++) {
            long[] order = HippoTrainer.permutation(d.train().size(), shuffle);
            Tensor idx = Tensor.of(NDArray.on().of(order, DType.I64, order.length));
            Split shuffled = new Split(d.train().clients().indexSelect(0, idx), d.train().cleaners().indexSelect(0, idx),
                    d.train().features().indexSelect(0, idx), d.train().ratings().indexSelect(0, idx));
            double sum = 0;
            int count = 0;
            for (int s = 0; s + batch <= shuffled.size(); s += batch) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Split b = shuffled.rows(s, s + batch);
                    adam.zeroGrad();
                    Tensor loss = mse.forward(model.forward(b.clients(), b.cleaners(), b.features()), b.ratings());
                    loss.backward();
                    adam.step();
                    sum += loss.item();
                    count++;
                }
            }
            double val = RegressionScores.of(predict(model, d.validation()), values(d.validation().ratings())).mse();
            curve.add(new double[] {epoch, sum / count, val});
            if (early.step(val, model)) {
                break;
            }
        }
        early.restoreBest(model);
        int best = early.bestEpoch() + 1;
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", "HybridRecommender(clients=" + Marketplace.CLIENTS + ", cleaners=" + Marketplace.CLEANERS
                + ", dim=" + HybridRecommender.DIM + ", features=" + Marketplace.FEATURES + ")");
        meta.put("epoch", Integer.toString(best));
        meta.put("validation_mse", Double.toString(early.bestMetric()));
        meta.put("alpha", Double.toString(model.mix()));
        Path parent = checkpoint.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        TrainingCheckpoint.save(checkpoint, model, meta);
        RegressionScores test = RegressionScores.of(predict(model, d.test()), values(d.test().ratings()));
        return new Outcome(model, best, curve, test);
    }

    /** A linear model on the 34 content features alone (full-batch Adam), for comparison. */
    static RegressionScores contentOnlyLinear(Data d, long seed) {
        Linear lin = new Linear(Marketplace.FEATURES, 1, new Generator(seed));
        Adam adam = new Adam(lin.parameters(), new Adam.Options().lr(1e-2));
        MSELoss mse = new MSELoss();
        for (int step = 0; step < 1500; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                adam.zeroGrad();
                mse.forward(lin.forward(d.train().features()), d.train().ratings()).backward();
                adam.step();
            }
        }
        try (var noGrad = GradMode.noGrad()) {
            return RegressionScores.of(values(lin.forward(d.test().features())), values(d.test().ratings()));
        }
    }

    /** Embeddings, cold start, per-layer weights and serving from the checkpoint. */
    private void report(HybridRecommender model, Marketplace m, Data d) throws IOException {
        double[][] emb = RecommenderAnalysis.clientEmbeddings(model);
        int[] jobs = new int[Marketplace.CLIENTS];
        for (int u : m.client()) {
            jobs[u]++;
        }
        int busiest = 0;
        for (int u = 1; u < jobs.length; u++) {
            busiest = jobs[u] > jobs[busiest] ? u : busiest;
        }
        System.out.printf("client %d (%d jobs): embedding norm %.3f; nearest clients %s%n", busiest, jobs[busiest],
                RecommenderAnalysis.norm(emb[busiest]), java.util.Arrays.toString(
                        RecommenderAnalysis.nearestClients(emb, busiest, 3)));
        System.out.printf("nearest embedding neighbours share hidden tastes: mean taste cosine %.3f over the 50 busiest"
                + " clients (random pairs: about 0)%n", RecommenderAnalysis.neighbourTasteAgreement(model, m, 50));
        double[] yTest = values(d.test().ratings());
        System.out.printf("cold start (clients the model has never seen: the content branch, the collaborative part"
                + " at its training average): test R2 %.3f%n", coldStartScores(model, d).r2());
        System.out.println("weights per layer (mean, std):");
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            if (e.getKey().endsWith("weight") && e.getValue().rank() == 2 && !e.getKey().startsWith("client")
                    && !e.getKey().startsWith("cleaner")) {
                double[] w = values(e.getValue());
                double mean = java.util.Arrays.stream(w).average().orElse(0);
                double var = java.util.Arrays.stream(w).map(v -> (v - mean) * (v - mean)).average().orElse(0);
                System.out.printf("  %-28s %s  mean %+.4f  std %.4f%n", e.getKey(), e.getValue().shape(), mean,
                        Math.sqrt(var));
            }
        }
        HybridRecommender served = new HybridRecommender(new Generator(seed + 1000));
        TrainingCheckpoint.restore(checkpoint, served);
        int[] top = RecommenderAnalysis.topCleaners(served, m, busiest, 10, false);
        System.out.printf("serving (loaded from %s): top 10 cleaners for client %d: %s%n", checkpoint, busiest,
                java.util.Arrays.toString(top));
        System.out.printf("  a new client with the same profile (content branch): %s%n", java.util.Arrays.toString(
                RecommenderAnalysis.topCleaners(served, m, busiest, 10, true)));
        for (int i = 0; i < 200; i++) {
            RecommenderAnalysis.topCleaners(served, m, i % Marketplace.CLIENTS, 10, false);
        }
        long[] nanos = new long[500];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            RecommenderAnalysis.topCleaners(served, m, i % Marketplace.CLIENTS, 10, false);
            nanos[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("  latency per query (rank all 211 cleaners, after warm-up): p50 %.0f us, p99 %.0f us%n",
                nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 99 / 100] / 1e3);
    }

    /** Test scores when every test client is treated as new ({@link HybridRecommender#coldStart}). */
    static RegressionScores coldStartScores(HybridRecommender model, Data d) {
        model.eval();
        try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
            double collabMean = model.collaborative(d.train().clients(), d.train().cleaners()).mean().item();
            return RegressionScores.of(values(model.coldStart(d.test().features(), collabMean)), values(d.test().ratings()));
        } finally {
            model.train();
        }
    }

    /** Parameters per component: embeddings, the two MLPs, the mix. */
    static Map<String, Long> parameterCounts(HybridRecommender m) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("client embeddings (507 x 64)", count(m.clients));
        out.put("cleaner embeddings (211 x 64)", count(m.cleaners));
        out.put("collaborative MLP 128-128-64-32-1", count(m.collaborative));
        out.put("content MLP 34-128-64-32-1 (BatchNorm)", count(m.content));
        out.put("mix alpha", 1L);
        return out;
    }

    private static long count(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }

    @Override
    public Integer call() throws IOException {
        if (maxEpochs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--max-epochs must be at least 1");
        }
        Marketplace m = Marketplace.generate(new Generator(seed));
        Data d = Data.of(m, seed);
        System.out.printf("marketplace: %d clients, %d cleaners, %d jobs (%d train, %d validation, %d test), %d content"
                + " features%n", Marketplace.CLIENTS, Marketplace.CLEANERS, m.jobs(), d.train().size(),
                d.validation().size(), d.test().size(), Marketplace.FEATURES);
        Outcome o = train(d, seed, maxEpochs, checkpoint);
        System.out.println("parameters:");
        long total = 0;
        for (Map.Entry<String, Long> e : parameterCounts(o.model()).entrySet()) {
            System.out.printf("  %-42s %,9d%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        System.out.printf("  %-42s %,9d%n", "total", total);
        System.out.printf("early stopping kept epoch %d of %d (patience 5); saved %s with its metadata%n", o.bestEpoch(),
                o.curve().size(), checkpoint);
        double[] yTest = values(d.test().ratings());
        double mean = java.util.Arrays.stream(values(d.train().ratings())).average().orElse(0);
        double[] constant = new double[yTest.length];
        java.util.Arrays.fill(constant, mean);
        RegressionScores meanScores = RegressionScores.of(constant, yTest);
        RegressionScores linear = contentOnlyLinear(d, seed);
        System.out.println("test (500 jobs)                      MSE      MAE      R2");
        System.out.printf("  mean predictor                  %7.4f  %7.4f  %6.3f%n", meanScores.mse(), meanScores.mae(),
                meanScores.r2());
        System.out.printf("  content-only linear model       %7.4f  %7.4f  %6.3f%n", linear.mse(), linear.mae(),
                linear.r2());
        System.out.printf("  hybrid recommender              %7.4f  %7.4f  %6.3f%n", o.test().mse(), o.test().mae(),
                o.test().r2());
        System.out.printf("learned mix: sigmoid(alpha) = %.3f of the collaborative branch%n", o.model().mix());
        report(o.model(), m, d);
        Files.createDirectories(out);
        Path png = out.resolve("recommender-loss.png");
        XYSeries trainCurve = new XYSeries("train MSE");
        XYSeries valCurve = new XYSeries("validation MSE");
        for (double[] p : o.curve()) {
            trainCurve.add(p[0], p[1]);
            valCurve.add(p[0], p[2]);
        }
        XYSeriesCollection curves = new XYSeriesCollection(trainCurve);
        curves.addSeries(valCurve);
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("Hybrid recommender: loss per epoch", "epoch", "MSE", curves,
                PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 800, 480);
        System.out.println("loss curves: " + png);
        return 0;
    }
}
