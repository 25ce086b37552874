package org.jgrad.examples.price;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.examples.Cli;
import org.jgrad.examples.RegressionScores;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.loss.MSELoss;
import org.jgrad.nn.optim.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The price-regression MLP: product titles hashed into 5,000 binary features, the network
 * 5000 -> 128 -> 64 -> (64 x 5) -> 1 with ReLU (669,249 parameters), MSE on log price, Adam lr 1e-3, batch 64,
 * a 99/1 split; against a mean predictor and a linear model on the same features. The catalogue is generated
 * ({@link Catalogue}).
 *
 * <pre>
 * ./jgrad example price.PriceRegression [--products 50000] [--epochs 5]
 * </pre>
 */
@Command(name = "price", mixinStandardHelpOptions = true,
        description = "Train the 5000-128-64-(64x5)-1 price MLP on hashed product titles; compare with a mean"
                + " predictor and a linear model.")
public final class PriceRegression implements Callable<Integer> {
    static final int FEATURES = 5000;
    @Option(names = "--products", description = "catalogue size (default ${DEFAULT-VALUE})")
    int products = 50_000;
    @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs = 5;
    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;

    public static void main(String[] args) {
        System.exit(Cli.run(new PriceRegression(), args));
    }

    /** The network of the issue: 669,249 parameters. */
    static Sequential mlp(Generator gen) {
        List<Module> layers = new ArrayList<>(List.of(new Linear(FEATURES, 128, gen), new ReLU(),
                new Linear(128, 64, gen), new ReLU()));
        for (int i = 0; i < 5; i++) {
            layers.add(new Linear(64, 64, gen));
            layers.add(new ReLU());
        }
        layers.add(new Linear(64, 1, gen));
        return new Sequential(layers.toArray(new Module[0]));
    }

    /** Hashed titles (sparse) and log prices, split 99/1. */
    record Data(int[][] trainX, double[] trainY, int[][] testX, double[] testY) {
        static Data build(int products, long seed) {
            List<Catalogue.Product> items = Catalogue.generate(products, new Generator(seed));
            HashingVectorizer hv = new HashingVectorizer(FEATURES);
            long[] order = org.jgrad.examples.hippo.HippoTrainer.permutation(products, new Generator(seed + 1));
            int test = Math.max(1, products / 100);
            int[][] trX = new int[products - test][];
            double[] trY = new double[products - test];
            int[][] teX = new int[test][];
            double[] teY = new double[test];
            for (int i = 0; i < products; i++) {
                Catalogue.Product p = items.get((int) order[i]);
                if (i < test) {
                    teX[i] = hv.columns(p.title());
                    teY[i] = Math.log(p.price());
                } else {
                    trX[i - test] = hv.columns(p.title());
                    trY[i - test] = Math.log(p.price());
                }
            }
            return new Data(trX, trY, teX, teY);
        }
    }

    /** Rows {@code from..to} as a dense [rows, 5000] float32 array of 0/1. */
    static NDArray dense(int[][] rows, int from, int to) {
        float[] x = new float[(to - from) * FEATURES];
        for (int r = from; r < to; r++) {
            for (int c : rows[r]) {
                x[(r - from) * FEATURES + c] = 1;
            }
        }
        return NDArray.on().of(x, DType.F32, to - from, FEATURES);
    }

    /** Test MAE and R^2 (on log price) and MAE on the price itself. */
    record Scores(double maeLog, double r2, double maePrice) {
        static Scores of(double[] predicted, double[] actual) {
            RegressionScores log = RegressionScores.of(predicted, actual);
            double absPrice = 0;
            for (int i = 0; i < actual.length; i++) {
                absPrice += Math.abs(Math.exp(predicted[i]) - Math.exp(actual[i]));
            }
            return new Scores(log.mae(), log.r2(), absPrice / actual.length);
        }
    }

    /** Trains {@code model} (predicting log price minus the training mean) with Adam; returns its test scores. */
    static Scores train(Module model, double lr, Data d, int epochs, long seed, boolean print) {
        double mean = java.util.Arrays.stream(d.trainY()).average().orElse(0);
        Adam adam = new Adam(model.parameters(), new Adam.Options().lr(lr));
        MSELoss mse = new MSELoss();
        int n = d.trainX().length;
        int batch = 64;
        Scores last = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            long[] order = org.jgrad.examples.hippo.HippoTrainer.permutation(n, new Generator(seed * 1000 + epoch));
            int[][] shuffled = new int[n][];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                shuffled[i] = d.trainX()[(int) order[i]];
                y[i] = (float) (d.trainY()[(int) order[i]] - mean);
            }
            double sum = 0;
            int count = 0;
            for (int s = 0; s + batch <= n; s += batch) {
                try (MemoryScope scope = MemoryScope.open()) {
                    adam.zeroGrad();
                    Tensor target = Tensor.of(NDArray.on().of(java.util.Arrays.copyOfRange(y, s, s + batch), DType.F32,
                            batch, 1));
                    Tensor loss = mse.forward(model.forward(Tensor.of(dense(shuffled, s, s + batch))), target);
                    loss.backward();
                    adam.step();
                    sum += loss.item();
                    count++;
                }
            }
            last = evaluate(model, d, mean);
            if (print) {
                System.out.printf("%5d  %10.4f  %8.4f  %6.3f  %9.2f  %7.1f%n", epoch, sum / count, last.maeLog(), last.r2(),
                        last.maePrice(), (System.nanoTime() - t0) / 1e9);
            }
        }
        return last;
    }

    static Scores evaluate(Module model, Data d, double mean) {
        try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
            double[] out = (double[]) model.forward(Tensor.of(dense(d.testX(), 0, d.testX().length))).data()
                    .to(DType.F64).toArray();
            for (int i = 0; i < out.length; i++) {
                out[i] += mean;
            }
            return Scores.of(out, d.testY());
        }
    }

    @Override
    public Integer call() {
        if (products < 1_000 || epochs < 1) {
            // The 99/1 split needs 1,000 products for a test set of 10 and a few batches of 64 to train on.
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--products must be at least 1000 and --epochs at least 1, got " + products + " and " + epochs);
        }
        Data d = Data.build(products, seed);
        System.out.printf("catalogue: %d products (%d train, %d test), titles hashed into %d binary features%n",
                products, d.trainX().length, d.testX().length, FEATURES);
        Sequential net = mlp(new Generator(seed));
        System.out.println(net);
        System.out.println("MLP, MSE on log price, Adam lr 1e-3, batch 64:");
        System.out.println("epoch  train loss  test MAE  test R2  MAE price  seconds");
        Scores mlp = train(net, 1e-3, d, epochs, seed, true);
        Scores linear = train(new Linear(FEATURES, 1, new Generator(seed)), 1e-2, d, epochs, seed, false);
        double mean = java.util.Arrays.stream(d.trainY()).average().orElse(0);
        double[] constant = new double[d.testY().length];
        java.util.Arrays.fill(constant, mean);
        Scores meanPredictor = Scores.of(constant, d.testY());
        System.out.println();
        System.out.println("model                         test MAE (log price)   test R2   MAE (price)");
        for (Object[] row : new Object[][] {{"mean predictor", meanPredictor}, {"linear model, same features", linear},
                {"MLP 5000-128-64-(64x5)-1", mlp}}) {
            Scores s = (Scores) row[1];
            System.out.printf("%-30s %20.4f   %7.3f   %11.2f%n", row[0], s.maeLog(), s.r2(), s.maePrice());
        }
        return 0;
    }
}
