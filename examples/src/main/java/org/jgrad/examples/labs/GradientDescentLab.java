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
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.optim.SGD;

/**
 * Gradient descent, first by hand and then with autograd, on the smallest model there is: a line
 * {@code y = w x + b} fit to noisy points of {@code y = 3x - 2} by mean squared error. Both give the same
 * numbers step for step. Then the same fit at four learning rates (too small, right, too large, diverging),
 * with the loss curves as a PNG.
 *
 * <p>Why the rates behave as they do: the loss is a quadratic bowl whose curvature is {@code 2 mean(x^2)}
 * along w and 2 along b; a step of rate lr multiplies the error along a direction of curvature h by
 * {@code 1 - lr h}. So lr = 0.01 creeps, lr = 0.3 converges in tens of steps, lr = 0.95 overshoots every step
 * ({@code 1 - 1.9 = -0.9}: b zigzags around its target and the loss falls slower than at 0.3), and lr = 1.05 diverges ({@code |1 - 2.1| > 1}).
 *
 * <pre>
 * ./jgrad example labs.GradientDescentLab [OUT_DIR]     # prints the tables, writes OUT_DIR/lr-sweep.png
 * </pre>
 */
@Command(name = "gradient-descent-lab", mixinStandardHelpOptions = true, description = "A line fit by hand and by autograd, then a learning-rate sweep (PNG).")
public final class GradientDescentLab implements Callable<Integer> {
    static final int POINTS = 100;
    static final int STEPS = 60;
    /** The four rates of the sweep and what each shows. */
    static final double[] RATES = {0.01, 0.3, 0.95, 1.05};
    static final String[] VERDICTS = {"too small: creeps", "right: converges", "too large: overshoots, slower",
                                      "diverges"};

    private GradientDescentLab() {
    }

    /** The data: x uniform in [-1, 1], y = 3x - 2 + N(0, 0.1^2). */
    record Data(double[] x, double[] y) {
        static Data generate(long seed) {
            Generator gen = new Generator(seed);
            double[] x = new double[POINTS];
            double[] y = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                x[i] = 2 * gen.nextDouble() - 1;
                y[i] = 3 * x[i] - 2 + 0.1 * gen.nextGaussian();
            }
            return new Data(x, y);
        }
    }

    /** One step's parameters and the loss before the step. */
    record Step(double w, double b, double loss) {
    }

    /** Gradient descent by hand: loss = mean((w x + b - y)^2), dw = 2 mean(r x), db = 2 mean(r). */
    static List<Step> byHand(Data d, double lr, int steps) {
        double w = 0;
        double b = 0;
        List<Step> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double loss = 0;
            double dw = 0;
            double db = 0;
            for (int i = 0; i < POINTS; i++) {
                double r = w * d.x()[i] + b - d.y()[i];
                loss += r * r;
                dw += 2 * r * d.x()[i];
                db += 2 * r;
            }
            out.add(new Step(w, b, loss / POINTS));
            w -= lr * dw / POINTS;
            b -= lr * db / POINTS;
        }
        return out;
    }

    /** The same with autograd: the loss as a tensor expression, backward, and nn's SGD. */
    static List<Step> withAutograd(Data d, double lr, int steps) {
        Tensor x = Tensor.of(NDArray.of(d.x()));
        Tensor y = Tensor.of(NDArray.of(d.y()));
        Tensor w = Tensor.of(NDArray.of(new double[] {0})).requiresGrad(true);
        Tensor b = Tensor.of(NDArray.of(new double[] {0})).requiresGrad(true);
        SGD sgd = new SGD(List.of(w, b), new SGD.Options(lr));
        List<Step> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            sgd.zeroGrad();
            Tensor loss = x.mul(w).add(b).sub(y).square().mean();
            out.add(new Step(w.data().item(), b.data().item(), loss.item()));
            loss.backward();
            sgd.step();
        }
        return out;
    }

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "where the PNGs go (default:"
            + " ${DEFAULT-VALUE})")
    Path dir = Path.of("labs");

    public static void main(String[] args) {
        System.exit(Cli.run(new GradientDescentLab(), args));
    }

    @Override
    public Integer call() throws IOException {
        Data d = Data.generate(1);
        List<Step> hand = byHand(d, 0.3, 8);
        List<Step> auto = withAutograd(d, 0.3, 8);
        System.out.println("Fitting y = w x + b to 100 noisy points of y = 3x - 2, lr 0.3: by hand vs autograd + SGD");
        System.out.println("step        w (hand)     w (autograd)        b (hand)     b (autograd)     loss (hand)");
        for (int s = 0; s < hand.size(); s++) {
            System.out.printf("%4d  %14.10f  %14.10f  %14.10f  %14.10f  %14.10f%n", s, hand.get(s).w(), auto.get(s).w(),
                    hand.get(s).b(), auto.get(s).b(), hand.get(s).loss());
        }
        System.out.println();
        System.out.println("learning-rate sweep, " + STEPS + " steps:");
        System.out.println("     lr    loss@0   loss@10   loss@" + (STEPS - 1) + "   what it shows");
        XYSeriesCollection curves = new XYSeriesCollection();
        for (int r = 0; r < RATES.length; r++) {
            List<Step> run = byHand(d, RATES[r], STEPS);
            XYSeries series = new XYSeries("lr " + RATES[r] + " (" + VERDICTS[r] + ")");
            for (int s = 0; s < run.size(); s++) {
                series.add(s, run.get(s).loss());
            }
            curves.addSeries(series);
            System.out.printf("%7.2f  %8.4f  %8.4f  %8.4g   %s%n", RATES[r], run.get(0).loss(), run.get(10).loss(),
                    run.get(STEPS - 1).loss(), VERDICTS[r]);
        }
        Files.createDirectories(dir);
        Path png = dir.resolve("lr-sweep.png");
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = ChartFactory.createXYLineChart("MSE of a line fit, by learning rate", "step", "loss", curves,
                PlotOrientation.VERTICAL, true, false, false);
        LogAxis axis = new LogAxis("loss (log scale)");
        axis.setSmallestValue(1e-3);
        chart.getXYPlot().setRangeAxis(axis);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
        System.out.println("loss curves: " + png);
        return 0;
    }
}
