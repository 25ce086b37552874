package org.jgrad.examples.labs;

import java.util.concurrent.Callable;
import org.jgrad.examples.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.jgrad.examples.hippo.MnistSource;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.Init;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.layers.Sigmoid;
import org.jgrad.nn.optim.SGD;

/**
 * The failure-mode lab: one deep MLP (784 -> 4 x 256 -> 10), the same data, seed and batches, trained seven
 * ways that textbooks warn about or recommend: He, Xavier, zero, N(0, 1) and N(0, 1e-3) weights, a learning rate
 * 10x too high, and sigmoid instead of ReLU. For each: loss and accuracy after epoch 1 and at the end, each
 * layer's gradient norm on the first batch, and a NaN detector that stops a diverging run and says at which step
 * and in which layer; the loss curves as a PNG per experiment.
 *
 * <pre>
 * ./jgrad example labs.FailureModesLab [OUT_DIR]
 * </pre>
 */
@Command(name = "failure-modes-lab", mixinStandardHelpOptions = true, description = "One deep MLP trained seven ways the textbooks warn about (table, PNGs).")
public final class FailureModesLab implements Callable<Integer> {
    static final int HIDDEN = 256;
    static final int DEPTH = 4;
    static final double LR = 0.1;

    private FailureModesLab() {
    }

    /** One way to train the net. */
    enum Experiment {
        HE("He (Kaiming) init, ReLU"),
        XAVIER("Xavier init, ReLU"),
        ZEROS("all-zero init, ReLU"),
        NORMAL_1("N(0, 1) init, ReLU"),
        NORMAL_1E3("N(0, 1e-3) init, ReLU"),
        LR_10X("He init, learning rate 10x"),
        SIGMOID("He init, sigmoid instead of ReLU");

        final String title;

        Experiment(String title) {
            this.title = title;
        }
    }

    /** What a run showed. {@code stoppedAt}: null, or where the NaN detector stopped it. */
    record Outcome(Experiment experiment, double loss1, double acc1, double lossEnd, double accEnd,
                   double[] firstGradNorms, String stoppedAt, List<Double> losses, Sequential net) {
    }

    static Sequential build(Experiment e, Generator gen) {
        List<Module> layers = new ArrayList<>();
        int in = 784;
        for (int l = 0; l <= DEPTH; l++) {
            int out = l == DEPTH ? 10 : HIDDEN;
            Linear lin = new Linear(in, out, gen);
            Tensor w = lin.weight();
            try (var noGrad = GradMode.noGrad()) {
                switch (e) {
                    case HE, LR_10X, SIGMOID -> Init.kaimingNormal(w, gen);
                    case XAVIER -> Init.xavierNormal(w, gen);
                    case ZEROS -> Init.zeros(w);
                    case NORMAL_1 -> Init.normal(w, gen, 0, 1);
                    case NORMAL_1E3 -> Init.normal(w, gen, 0, 1e-3);
                }
                Init.zeros(lin.bias());
            }
            layers.add(lin);
            if (l < DEPTH) {
                layers.add(e == Experiment.SIGMOID ? new Sigmoid() : new ReLU());
            }
            in = out;
        }
        return new Sequential(layers.toArray(new Module[0]));
    }

    static List<Linear> linears(Sequential net) {
        List<Linear> out = new ArrayList<>();
        for (Module m : net.namedChildren().values()) {
            if (m instanceof Linear l) {
                out.add(l);
            }
        }
        return out;
    }

    static Outcome run(Experiment e, MnistSource.Data data, int epochs, int batch, long seed) {
        Generator gen = new Generator(seed);
        Sequential net = build(e, gen);
        SGD sgd = new SGD(net.parameters(), new SGD.Options(e == Experiment.LR_10X ? 10 * LR : LR));
        NDArray x = data.trainImages();
        NDArray y = data.trainLabels();
        int n = x.shape().dim(0);
        List<Double> losses = new ArrayList<>();
        double[] firstNorms = null;
        String stopped = null;
        double loss1 = Double.NaN;
        double acc1 = Double.NaN;
        int step = 0;
        List<Linear> linears = linears(net);
        training:
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double sum = 0;
            int count = 0;
            for (int start = 0; start + batch <= n; start += batch, step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    sgd.zeroGrad();
                    Tensor loss = net.forward(Tensor.of(x.slice(0, start, start + batch, 1)))
                            .crossEntropy(Tensor.of(y.slice(0, start, start + batch, 1)));
                    loss.backward();
                    double[] norms = new double[linears.size()];
                    for (int l = 0; l < norms.length; l++) {
                        NDArray g = linears.get(l).weight().grad().data();
                        norms[l] = Math.sqrt(g.mul(g).sum().item());
                    }
                    if (firstNorms == null) {
                        firstNorms = norms;
                    }
                    double v = loss.item();
                    String bad = nanDetector(v, norms);
                    if (bad != null) {
                        stopped = "step " + step + " (epoch " + epoch + "), " + bad;
                        break training;
                    }
                    losses.add(v);
                    sum += v * batch;
                    count += batch;
                    sgd.step();
                }
            }
            if (epoch == 1) {
                loss1 = sum / count;
                acc1 = accuracy(net, data);
            }
        }
        double lossEnd = losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
        return new Outcome(e, loss1, acc1, stopped == null ? lossEnd : Double.NaN, stopped == null
                ? accuracy(net, data) : Double.NaN, firstNorms, stopped, losses, net);
    }

    /** Names what is not finite: the loss, or the first layer whose weight gradient is NaN or infinite. */
    static String nanDetector(double loss, double[] gradNorms) {
        for (int l = 0; l < gradNorms.length; l++) {
            if (!Double.isFinite(gradNorms[l])) {
                return "layer " + (l + 1) + "'s weight gradient is " + gradNorms[l];
            }
        }
        return Double.isFinite(loss) ? null : "the loss is " + loss;
    }

    static double accuracy(Sequential net, MnistSource.Data data) {
        try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
            NDArray predicted = net.forward(Tensor.of(data.testImages())).data().argmax(1, false);
            return 100.0 * predicted.eq(data.testLabels()).to(DType.I64).sum().item() / data.testLabels().numel();
        }
    }

    private static String fmt(String format, double v) {
        return Double.isNaN(v) ? "-" : String.format(format, v);
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "where the PNGs go (default:"
            + " ${DEFAULT-VALUE})")
    Path dir = Path.of("labs");

    public static void main(String[] args) {
        System.exit(Cli.run(new FailureModesLab(), args));
    }

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        MnistSource.Data data = MnistSource.parse("drawn").load(10_000, 2_000, 7);
        System.out.println("784 -> 4 x 256 -> 10 MLP, cross-entropy, SGD lr " + LR + ", batch 64, 3 epochs, on 10,000"
                + " drawn digits (test: 2,000); the same seed and batches for every row");
        System.out.println("experiment                          loss@1   acc@1   loss@end  acc@end   first-batch |dL/dW|"
                + " per layer            stopped");
        for (Experiment e : Experiment.values()) {
            Outcome o = run(e, data, 3, 64, 1);
            StringBuilder norms = new StringBuilder();
            for (double v : o.firstGradNorms()) {
                norms.append(String.format("%9.2e", v));
            }
            System.out.printf("%-34s %7s  %6s  %8s  %7s  %s  %s%n", e.title, fmt("%.3f", o.loss1()),
                    fmt("%.1f%%", o.acc1()), fmt("%.3f", o.lossEnd()), fmt("%.1f%%", o.accEnd()), norms,
                    o.stoppedAt() == null ? "-" : o.stoppedAt());
            XYSeries s = new XYSeries("training loss");
            for (int i = 0; i < o.losses().size(); i++) {
                s.add(i, o.losses().get(i));
            }
            Path png = dir.resolve("failure-" + e.name().toLowerCase(java.util.Locale.ROOT) + ".png");
            System.setProperty("java.awt.headless", "true");
            JFreeChart chart = ChartFactory.createXYLineChart(e.title, "step", "loss", new XYSeriesCollection(s),
                    PlotOrientation.VERTICAL, false, false, false);
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 700, 400);
        }
        System.out.println("loss curves: " + dir + "/failure-*.png");
        return 0;
    }
}
