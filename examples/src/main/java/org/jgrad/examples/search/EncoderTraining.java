package org.jgrad.examples.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.examples.EpochProgress;
import org.jgrad.nn.data.Permutations;
import org.jgrad.nn.optim.Adam;

/**
 * The two training stages of product search, each an epoch loop of Adam steps over shuffled mini-batches of the
 * training products: the CNN on the categories (cross-entropy), then the text encoder towards the frozen image
 * vectors (InfoNCE).
 *
 * <pre>{@code
 * List<double[]> curve = EncoderTraining.trainImages(cnn, catalog, 2, 64, 1e-3, seed, epoch -> { });
 * Tensor imageVectors = EncoderTraining.imageVectors(cnn, catalog);
 * EncoderTraining.trainText(text, vocab, catalog, imageVectors, 3, 256, 0.1, seed);
 * }</pre>
 */
public final class EncoderTraining {
    private EncoderTraining() {
    }

    /** Per epoch: {@code {epoch, mean training loss, held-out accuracy %, seconds}}. */
    public static List<double[]> trainImages(ImageEncoder cnn, Catalog c, int epochs, int batch, double lr, long seed,
            java.util.function.Consumer<double[]> afterEpoch) {
        Adam adam = new Adam(cnn.parameters(), new Adam.Options().lr(lr));
        Tensor labels = labels(c);
        List<double[]> curve = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double[] loss = {0};
            int steps = epochLoop(c.trainCount(), batch, new Generator(seed * 1_000 + epoch),
                    "cnn epoch " + epoch + "/" + epochs, rows -> {
                        adam.zeroGrad();
                        Tensor l = cnn.forward(Tensor.of(c.images().indexSelect(0, rows.data())))
                                .crossEntropy(labels.indexSelect(0, rows));
                        l.backward();
                        adam.step();
                        loss[0] += l.item();
                    });
            double[] row = {epoch, loss[0] / steps, accuracy(cnn, c), (System.nanoTime() - start) / 1e9};
            curve.add(row);
            afterEpoch.accept(row);
        }
        return curve;
    }

    /** Per epoch: {@code {epoch, mean InfoNCE loss, seconds}}. */
    public static List<double[]> trainText(TextEncoder text, Vocabulary vocab, Catalog c, Tensor imageVectors,
            int epochs, int batch, double lr, double temperature, long seed,
            java.util.function.Consumer<double[]> afterEpoch) {
        Adam adam = new Adam(text.parameters(), new Adam.Options().lr(lr));
        List<double[]> curve = new ArrayList<>();
        Tensor targets = imageVectors.detach();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            double[] loss = {0};
            int steps = epochLoop(c.trainCount(), batch, new Generator(seed * 1_000 + 500 + epoch),
                    "text epoch " + epoch + "/" + epochs, rows -> {
                        long[] ids = (long[]) rows.data().toArray();
                        List<String> texts = new ArrayList<>(ids.length);
                        for (long id : ids) {
                            texts.add(c.descriptions()[(int) id]);
                        }
                        adam.zeroGrad();
                        Tensor l = InfoNce.loss(text.forward(vocab.encode(texts)), targets.indexSelect(0, rows),
                                temperature);
                        l.backward();
                        adam.step();
                        loss[0] += l.item();
                    });
            double[] row = {epoch, loss[0] / steps, (System.nanoTime() - start) / 1e9};
            curve.add(row);
            afterEpoch.accept(row);
        }
        return curve;
    }

    /**
     * One epoch over {@code [0, n)} in shuffled full batches (the last partial batch is dropped, as
     * {@code drop_last}); each step gets its row ids as an I64 tensor and runs in its own memory scope.
     */
    private static int epochLoop(int n, int batch, Generator gen, String task, java.util.function.Consumer<Tensor> step) {
        int[] order = Permutations.random(n, gen);
        int steps = n / batch;
        try (EpochProgress bar = EpochProgress.start(task, steps)) {
            for (int s = 0; s < steps; s++) {
                long[] rows = new long[batch];
                for (int i = 0; i < batch; i++) {
                    rows[i] = order[s * batch + i];
                }
                try (MemoryScope scope = MemoryScope.open()) {
                    step.accept(Tensor.of(NDArray.on().of(rows, DType.I64, batch)));
                }
                bar.step();
            }
        }
        return steps;
    }

    /** Held-out accuracy of the CNN's class predictions, in percent. */
    public static double accuracy(ImageEncoder cnn, Catalog c) {
        int[] predicted = predictions(cnn, c, c.trainCount(), c.size());
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == c.labels()[c.trainCount() + i] ? 1 : 0;
        }
        return 100.0 * right / predicted.length;
    }

    private static int[] predictions(ImageEncoder cnn, Catalog c, int from, int to) {
        int[] out = new int[to - from];
        for (int s = from; s < to; s += 1_000) {
            int e = Math.min(to, s + 1_000);
            try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
                Tensor logits = cnn.forward(Tensor.of(c.images().slice(0, s, e, 1)));
                long[] arg = (long[]) logits.argmax(1, false).data().toArray();
                for (int i = 0; i < arg.length; i++) {
                    out[s - from + i] = (int) arg[i];
                }
            }
        }
        return out;
    }

    /** The CNN's vectors of every product, {@code [P, dim]}, computed without gradients in blocks. */
    public static Tensor imageVectors(ImageEncoder cnn, Catalog c) {
        return inBlocks(c.size(), (s, e) -> cnn.features(Tensor.of(c.images().slice(0, s, e, 1))));
    }

    /** The text encoder's vectors of the given texts, {@code [T, dim]}, without gradients in blocks. */
    public static Tensor textVectors(TextEncoder text, Vocabulary vocab, List<String> texts) {
        return inBlocks(texts.size(), (s, e) -> text.forward(vocab.encode(texts.subList(s, e))));
    }

    /** Rows {@code [0, n)} through {@code block(start, end)} 1,000 at a time without gradients, concatenated. */
    private static Tensor inBlocks(int n, java.util.function.BiFunction<Integer, Integer, Tensor> block) {
        List<Tensor> parts = new ArrayList<>();
        try (var noGrad = GradMode.noGrad()) {
            for (int s = 0; s < n; s += 1_000) {
                parts.add(block.apply(s, Math.min(n, s + 1_000)).keep());
            }
        }
        return Tensor.concat(0, parts.toArray(Tensor[]::new));
    }

    private static Tensor labels(Catalog c) {
        long[] l = Arrays.stream(c.labels()).asLongStream().toArray();
        return Tensor.of(NDArray.on().of(l, DType.I64, l.length));
    }
}
