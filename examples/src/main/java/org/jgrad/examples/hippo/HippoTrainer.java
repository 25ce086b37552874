package org.jgrad.examples.hippo;

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

    /** What an epoch ended with: test accuracy as a count and a share, and the epoch's seconds. */
    public record EpochResult(int epoch, int totalEpochs, int correct, int total, double seconds) {
        public double percent() {
            return 100.0 * correct / total;
        }
    }

    private final MnistSource.Data data;
    private final int epochs;
    private final int miniBatch;
    private final double eta;
    private final Form form;
    private final long seed;

    public HippoTrainer(MnistSource.Data data, int epochs, int miniBatch, double eta, Form form, long seed) {
        this.data = data;
        this.epochs = epochs;
        this.miniBatch = miniBatch;
        this.eta = eta;
        this.form = form;
        this.seed = seed;
    }

    /** Trains, reporting each epoch to {@code onEpoch}; returns the last epoch's result. */
    public EpochResult run(Consumer<EpochResult> onEpoch) {
        Generator gen = new Generator(seed);
        TextbookNetwork book = new TextbookNetwork(new int[] {784, 30, 10}, gen);
        Generator shuffle = new Generator(seed + 1);
        return form == Form.TEXTBOOK ? runTextbook(book, shuffle, onEpoch) : runAutograd(book, shuffle, onEpoch);
    }

    private EpochResult runAutograd(TextbookNetwork book, Generator shuffle, Consumer<EpochResult> onEpoch) {
        AutogradNetwork net = AutogradNetwork.from(book, DType.F32);
        SGD sgd = new SGD(net.parameters(), new SGD.Options(eta));
        NDArray x = data.trainImages();
        NDArray y = oneHot(data.trainLabels());
        int n = x.shape().dim(0);
        EpochResult last = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            long[] order = permutation(n, shuffle);
            for (int start = 0; start + miniBatch <= n; start += miniBatch) {
                try (MemoryScope step = MemoryScope.open()) {
                    NDArray idx = NDArray.on(x.backend()).of(java.util.Arrays.copyOfRange(order, start, start + miniBatch),
                            DType.I64, miniBatch);
                    sgd.zeroGrad();
                    net.cost(Tensor.of(x.indexSelect(0, idx)), Tensor.of(y.indexSelect(0, idx))).backward();
                    sgd.step();
                }
            }
            int correct;
            try (MemoryScope eval = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
                NDArray predicted = net.forward(Tensor.of(data.testImages())).data().argmax(1, false);
                correct = (int) predicted.eq(data.testLabels()).to(DType.I64).sum().item();
            }
            last = new EpochResult(epoch, epochs, correct, data.testLabels().numel(), (System.nanoTime() - t0) / 1e9);
            onEpoch.accept(last);
        }
        return last;
    }

    private EpochResult runTextbook(TextbookNetwork book, Generator shuffle, Consumer<EpochResult> onEpoch) {
        double[][] xs = rows(data.trainImages());
        double[][] ys = rows(oneHot(data.trainLabels()));
        double[][] testX = rows(data.testImages());
        long[] testY = (long[]) data.testLabels().toArray();
        EpochResult last = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            long[] order = permutation(xs.length, shuffle);
            for (int start = 0; start + miniBatch <= xs.length; start += miniBatch) {
                double[][] bx = new double[miniBatch][];
                double[][] by = new double[miniBatch][];
                for (int i = 0; i < miniBatch; i++) {
                    bx[i] = xs[(int) order[start + i]];
                    by[i] = ys[(int) order[start + i]];
                }
                book.updateMiniBatch(bx, by, eta);
            }
            int correct = 0;
            for (int i = 0; i < testX.length; i++) {
                correct += argmax(book.feedforward(testX[i])) == testY[i] ? 1 : 0;
            }
            last = new EpochResult(epoch, epochs, correct, testX.length, (System.nanoTime() - t0) / 1e9);
            onEpoch.accept(last);
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
    static long[] permutation(int n, Generator gen) {
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
