package org.jgrad.examples.hippo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.nn.optim.SGD;

/**
 * The book's training run: mini-batch SGD on the quadratic cost, the training data shuffled every epoch, test
 * accuracy after each epoch. Either form of the network trains: {@link AutogradNetwork} (float32 on the default
 * backend, a mini-batch at a time) or {@link TextbookNetwork} (float64, one sample at a time, as written in the
 * book). Both start from the same N(0, 1) weights for a seed.
 *
 * <pre>{@code
 * new HippoTrainer(data, 30, 10, 3.0, Form.AUTOGRAD, 1).run(e -> System.out.println(e));
 * }</pre>
 */
public final class HippoTrainer {
    /** Which network trains. */
    public enum Form { AUTOGRAD, TEXTBOOK }

    /**
     * What an epoch ended with: test accuracy as a count and a share and the quadratic cost on the test set
     * (total 0 and cost NaN when the run does not evaluate), and the epoch's seconds.
     */
    public record EpochResult(int epoch, int totalEpochs, int correct, int total, double cost, double seconds) {
        public double percent() {
            return total == 0 ? Double.NaN : 100.0 * correct / total;
        }
    }

    /** Statistics of one tensor: mean, standard deviation, min, max, and a 20-bin histogram over [min, max]. */
    public record Stats(double mean, double std, double min, double max, int[] histogram) {
        /** Bins of {@link #histogram}. */
        public static final int BINS = 20;

        /** The largest magnitude, max |x|. */
        public double maxAbs() {
            return Math.max(Math.abs(min), Math.abs(max));
        }

        static Stats of(NDArray a) {
            double[] v = (double[]) a.to(DType.F64).toArray();
            double sum = 0;
            double sq = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                sum += x;
                sq += x * x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            double mean = sum / v.length;
            int[] bins = new int[BINS];
            double width = (max - min) / BINS;
            for (double x : v) {
                int b = width > 0 && Double.isFinite(width) ? (int) ((x - min) / width) : 0;
                bins[Math.max(0, Math.min(BINS - 1, b))]++;
            }
            return new Stats(mean, Math.sqrt(Math.max(0, sq / v.length - mean * mean)), min, max, bins);
        }
    }

    /** What a run tells its observers (a log, a server's clients); every method has an empty default. */
    public interface Listener {
        default void epochStart(int epoch, int totalEpochs) {
        }

        /** After each mini-batch: {@code done} of {@code batches} in this epoch (for a progress bar). */
        default void batchDone(int epoch, int done, int batches) {
        }

        /** Every {@link #MINI_BATCH_EVERY} mini-batches: the gradients of each layer's weights and biases. */
        default void miniBatch(int epoch, int index, int size, List<Stats> weightGrads, List<Stats> biasGrads) {
        }

        /** The epoch's result and each layer's weights after it. */
        default void epochEnd(EpochResult result, List<Stats> weights) {
        }

        default void complete(EpochResult last, double seconds) {
        }
    }

    /** How often {@link Listener#miniBatch} is called. */
    public static final int MINI_BATCH_EVERY = 100;

    private final MnistSource.Data data;
    private final int epochs;
    private final int miniBatch;
    private final double eta;
    private final Form form;
    private final long seed;
    private final boolean evaluate;

    public HippoTrainer(MnistSource.Data data, int epochs, int miniBatch, double eta, Form form, long seed) {
        this(data, epochs, miniBatch, eta, form, seed, true);
    }

    /** {@code evaluate}: measure test accuracy after each epoch (the book's {@code test_data}). */
    public HippoTrainer(MnistSource.Data data, int epochs, int miniBatch, double eta, Form form, long seed,
                        boolean evaluate) {
        this.data = data;
        this.epochs = epochs;
        this.miniBatch = miniBatch;
        this.eta = eta;
        this.form = form;
        this.seed = seed;
        this.evaluate = evaluate;
    }

    /** Each tensor's statistics: of its gradient when {@code grads}, else of its values. */
    private static List<Stats> stats(List<Tensor> tensors, boolean grads) {
        List<Stats> out = new ArrayList<>();
        for (Tensor t : tensors) {
            out.add(Stats.of(grads ? t.grad().data() : t.data()));
        }
        return out;
    }

    /** Statistics of the textbook form's per-layer arrays ({@code double[]} or {@code double[][]} each). */
    private static List<Stats> stats(Object[] perLayer) {
        List<Stats> out = new ArrayList<>();
        for (Object layer : perLayer) {
            out.add(Stats.of(NDArray.of(layer)));
        }
        return out;
    }

    /** Trains, reporting each epoch to {@code onEpoch}; returns the last epoch's result. */
    public EpochResult run(Consumer<EpochResult> onEpoch) {
        return run(new Listener() {
            @Override
            public void epochEnd(EpochResult result, List<Stats> weights) {
                onEpoch.accept(result);
            }
        });
    }

    /** Trains, telling {@code listener} what happens; returns the last epoch's result. */
    public EpochResult run(Listener listener) {
        long t0 = System.nanoTime();
        Generator gen = new Generator(seed);
        TextbookNetwork book = new TextbookNetwork(new int[] {784, 30, 10}, gen);
        Generator shuffle = new Generator(seed + 1);
        EpochResult last = form == Form.TEXTBOOK ? runTextbook(book, shuffle, listener)
                : runAutograd(book, shuffle, listener);
        listener.complete(last, (System.nanoTime() - t0) / 1e9);
        return last;
    }

    private EpochResult runAutograd(TextbookNetwork book, Generator shuffle, Listener listener) {
        AutogradNetwork net = AutogradNetwork.from(book, DType.F32);
        SGD sgd = new SGD(net.parameters(), new SGD.Options(eta));
        NDArray x = data.trainImages();
        NDArray y = oneHot(data.trainLabels());
        NDArray testOneHot = oneHot(data.testLabels());
        int n = x.shape().dim(0);
        EpochResult last = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            listener.epochStart(epoch, epochs);
            long t0 = System.nanoTime();
            long[] order = permutation(n, shuffle);
            for (int start = 0, batch = 0; start + miniBatch <= n; start += miniBatch, batch++) {
                try (MemoryScope step = MemoryScope.open()) {
                    NDArray idx = NDArray.on(x.backend()).of(java.util.Arrays.copyOfRange(order, start, start + miniBatch),
                            DType.I64, miniBatch);
                    sgd.zeroGrad();
                    net.cost(Tensor.of(x.indexSelect(0, idx)), Tensor.of(y.indexSelect(0, idx))).backward();
                    if (batch % MINI_BATCH_EVERY == 0) {
                        listener.miniBatch(epoch, batch, miniBatch, stats(net.weights(), true), stats(net.biases(), true));
                    }
                    sgd.step();
                }
                listener.batchDone(epoch, batch + 1, n / miniBatch);
            }
            int correct = 0;
            double cost = Double.NaN;
            if (evaluate) {
                try (MemoryScope eval = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
                    Tensor a = net.forward(Tensor.of(data.testImages()));
                    correct = (int) a.data().argmax(1, false).eq(data.testLabels()).to(DType.I64).sum().item();
                    cost = a.sub(Tensor.of(testOneHot)).square().sum().item() / (2.0 * data.testLabels().numel());
                }
            }
            last = new EpochResult(epoch, epochs, correct, evaluate ? data.testLabels().numel() : 0, cost,
                    (System.nanoTime() - t0) / 1e9);
            listener.epochEnd(last, stats(net.weights(), false));
        }
        return last;
    }

    private EpochResult runTextbook(TextbookNetwork book, Generator shuffle, Listener listener) {
        double[][] xs = rows(data.trainImages());
        double[][] ys = rows(oneHot(data.trainLabels()));
        double[][] testX = rows(data.testImages());
        long[] testY = (long[]) data.testLabels().toArray();
        EpochResult last = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            listener.epochStart(epoch, epochs);
            long t0 = System.nanoTime();
            long[] order = permutation(xs.length, shuffle);
            for (int start = 0, batch = 0; start + miniBatch <= xs.length; start += miniBatch, batch++) {
                double[][] bx = new double[miniBatch][];
                double[][] by = new double[miniBatch][];
                for (int i = 0; i < miniBatch; i++) {
                    bx[i] = xs[(int) order[start + i]];
                    by[i] = ys[(int) order[start + i]];
                }
                TextbookNetwork.Gradients g = book.updateMiniBatch(bx, by, eta);
                if (batch % MINI_BATCH_EVERY == 0) {
                    listener.miniBatch(epoch, batch, miniBatch, stats(g.nablaW()), stats(g.nablaB()));
                }
                listener.batchDone(epoch, batch + 1, xs.length / miniBatch);
            }
            int correct = 0;
            for (int i = 0; evaluate && i < testX.length; i++) {
                correct += argmax(book.feedforward(testX[i])) == testY[i] ? 1 : 0;
            }
            double cost = evaluate ? book.cost(testX, rows(oneHot(data.testLabels()))) : Double.NaN;
            last = new EpochResult(epoch, epochs, correct, evaluate ? testX.length : 0, cost,
                    (System.nanoTime() - t0) / 1e9);
            listener.epochEnd(last, stats(book.weights));
        }
        return last;
    }

    /** Labels {@code [N]} as one-hot rows {@code [N, 10]} (F32), the book's {@code vectorized_result}. */
    static NDArray oneHot(NDArray labels) {
        long[] l = (long[]) labels.to(DType.I64).toArray();
        float[] out = new float[l.length * 10];
        for (int i = 0; i < l.length; i++) {
            out[i * 10 + (int) l[i]] = 1;
        }
        return NDArray.on(labels.backend()).of(out, DType.F32, l.length, 10);
    }

    /** A Fisher-Yates shuffle of 0..n-1 from the generator (the same order for the same seed, either form). */
    public static long[] permutation(int n, Generator gen) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (gen.nextDouble() * (i + 1));
            long t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static double[][] rows(NDArray m) {
        double[] flat = (double[]) m.to(DType.F64).toArray();
        int r = m.shape().dim(0);
        int c = m.shape().dim(1);
        double[][] out = new double[r][];
        for (int i = 0; i < r; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
