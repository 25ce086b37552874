package org.jgrad.examples.digits;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.nn.data.Batch;
import org.jgrad.nn.data.DataLoader;
import org.jgrad.nn.data.Datasets;
import org.jgrad.nn.data.Standardizer;
import org.jgrad.nn.data.Subset;
import org.jgrad.nn.data.TensorDataset;
import org.jgrad.nn.io.TrainingCheckpoint;
import org.jgrad.nn.loss.CrossEntropyLoss;
import org.jgrad.nn.optim.AdamW;
import org.jgrad.nn.optim.CosineAnnealingLR;
import org.jgrad.nn.optim.EarlyStopping;
import org.jgrad.nn.optim.MetricMode;
import org.jgrad.examples.EpochProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job ({@code ./jgrad train}): an MLP classifier trained by mini-batch AdamW on synthetic 12x12
 * digits that the run draws itself and stores as MNIST-format IDX files. Each epoch prints the training
 * loss, the validation loss and the held-out test accuracy; the best epoch (by validation loss) is kept,
 * saved as a safetensors checkpoint, loaded into a fresh model and checked to predict the same.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP on synthetic digits (generated, no download) and save a checkpoint.")
public final class DigitsMlp implements Callable<Integer> {
    @Option(names = "--epochs", description = "maximum number of epochs (default ${DEFAULT-VALUE})")
    int epochs = 12;
    @Option(names = "--batch-size", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize = 64;
    @Option(names = "--lr", description = "AdamW learning rate, cosine-annealed (default ${DEFAULT-VALUE})")
    double lr = 3e-3;
    @Option(names = "--hidden", description = "hidden units (default ${DEFAULT-VALUE})")
    int hidden = 128;
    @Option(names = "--train-size", description = "training + validation images (default ${DEFAULT-VALUE})")
    int trainSize = 12_000;
    @Option(names = "--test-size", description = "held-out test images (default ${DEFAULT-VALUE})")
    int testSize = 2_000;
    @Option(names = "--seed", description = "seed of data, initialisation and shuffling (default ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--data-dir", description = "where the IDX files are written (default ${DEFAULT-VALUE})")
    Path dataDir = Path.of("data", "digits");
    @Option(names = "--checkpoint", description = "checkpoint file (default ${DEFAULT-VALUE})")
    Path checkpoint = Path.of("checkpoints", "digits-mlp.safetensors");
    @Option(names = "--device", description = "cpu (the default backend) or cuda (the GPU; ./jgrad adds it to the"
            + " class path)")
    String device = "cpu";

    public static void main(String[] args) {
        System.exit(org.jgrad.examples.Cli.run(new DigitsMlp(), args));
    }

    /** The run's figures: what the last epoch printed, and the kept model's test accuracy. */
    public record Result(int epochsRun, int bestEpoch, double trainLoss, double testAccuracy, boolean reloadedSame) {
    }

    @Override
    public Integer call() throws Exception {
        // Every option is checked before any work starts: a bad value is one line and exit code 2 (Cli).
        CommandLine cmd = new CommandLine(this);
        if (epochs < 1 || batchSize < 1 || hidden < 1 || testSize < 1) {
            throw new CommandLine.ParameterException(cmd, "--epochs, --batch-size, --hidden and --test-size must be"
                    + " at least 1");
        }
        if (trainSize < 20) {
            throw new CommandLine.ParameterException(cmd, "--train-size must be at least 20 (10% of it is the"
                    + " validation split), got " + trainSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new CommandLine.ParameterException(cmd, "--lr must be a positive number, got " + lr);
        }
        if (device.equals("cuda")) {
            // Every tensor of the run is made on the default backend: the GPU from here on.
            System.setProperty(org.jgrad.core.backend.Backends.PROPERTY, "cuda");
        } else if (!device.equals("cpu")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--device must be cpu or cuda, got '"
                    + device + "'");
        }
        System.out.println("backend: " + org.jgrad.core.backend.Backends.defaultBackend().name());
        Result r = run();
        return r.reloadedSame() ? 0 : 1;
    }

    /** Runs the whole job and returns its figures. */
    public Result run() throws Exception {
        long start = System.nanoTime();
        DigitsFiles.Split train = DigitsFiles.write(dataDir, "train", trainSize, seed).read();
        DigitsFiles.Split test = DigitsFiles.write(dataDir, "test", testSize, seed + 1_000).read();
        System.out.printf("data: %d training and %d test images of %dx%d pixels, written to and read from %s%n",
                trainSize, testSize, SyntheticDigits.SIDE, SyntheticDigits.SIDE, dataDir);

        List<Subset<Tensor[]>> parts = Datasets.randomSplit(TensorDataset.of(train.images(), train.labels()), seed,
                0.9, 0.1);
        Subset<Tensor[]> fitPart = parts.get(0);
        Subset<Tensor[]> validationPart = parts.get(1);
        DataLoader loader = DataLoader.builder(fitPart).batchSize(batchSize).shuffle(seed).build();
        Tensor[] validation = gather(validationPart);
        Tensor testImages = Tensor.of(test.images());
        NDArray testLabels = test.labels();

        Generator gen = new Generator(seed);
        int inputs = SyntheticDigits.SIDE * SyntheticDigits.SIDE;
        DigitsClassifier model = new DigitsClassifier(inputs, hidden, 0.1, gen);
        // Feature statistics come from the training part only: validation and test stay unseen.
        model.setStandardizer(new Standardizer().fit(gather(fitPart)[0].data().reshape(-1, inputs)));
        System.out.println(model);

        AdamW optimizer = new AdamW(model.parameters(), new AdamW.Options().lr(lr).weightDecay(1e-4));
        CosineAnnealingLR schedule = new CosineAnnealingLR(optimizer, epochs, lr / 20);
        EarlyStopping early = new EarlyStopping(3, 1e-4, MetricMode.MIN, true);
        CrossEntropyLoss criterion = new CrossEntropyLoss();

        double trainLoss = Double.NaN;
        int epoch = 0;
        System.out.println("epoch  train loss  val loss  test acc      lr   seconds");
        while (epoch < epochs) {
            epoch++;
            long epochStart = System.nanoTime();
            model.train();
            double sum = 0;
            int count = 0;
            try (EpochProgress bar = EpochProgress.start("epoch " + epoch + "/" + epochs, loader.numBatches())) {
                for (Batch batch : loader) {
                    // The step's temporaries go back to the backend's pool when the scope closes.
                    try (MemoryScope step = MemoryScope.open()) {
                        optimizer.zeroGrad();
                        Tensor loss = criterion.forward(model.forward(batch.features()), batch.labels());
                        loss.backward();
                        optimizer.step();
                        sum += loss.item() * batch.batchSize();
                        count += batch.batchSize();
                    }
                    bar.step();
                }
            }
            trainLoss = sum / count;
            double validationLoss = evaluateLoss(model, criterion, validation);
            double accuracy = accuracy(model.predict(testImages), testLabels);
            System.out.printf("%5d  %10.4f  %8.4f  %7.2f%%  %.5f  %7.2f%n", epoch, trainLoss, validationLoss,
                    100 * accuracy, schedule.lastLr()[0], (System.nanoTime() - epochStart) / 1e9);
            schedule.step();
            if (early.step(validationLoss, model)) {
                System.out.printf("early stop: validation loss has not improved for 3 epochs%n");
                break;
            }
        }
        early.restoreBest(model);
        double testAccuracy = accuracy(model.predict(testImages), testLabels);
        int bestEpoch = early.bestEpoch() + 1;   // EarlyStopping counts from 0, the table from 1
        System.out.printf("kept epoch %d (validation loss %.4f): test accuracy %.2f%%%n", bestEpoch,
                early.bestMetric(), 100 * testAccuracy);

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("model", "DigitsClassifier(inputs=" + inputs + ", hidden=" + hidden + ")");
        metadata.put("epoch", Integer.toString(bestEpoch));
        metadata.put("test_accuracy", Double.toString(testAccuracy));
        java.nio.file.Files.createDirectories(checkpoint.toAbsolutePath().getParent());
        TrainingCheckpoint.save(checkpoint, model, optimizer, metadata);
        DigitsClassifier reloaded = new DigitsClassifier(inputs, hidden, 0.1, new Generator(seed + 1));
        TrainingCheckpoint.restore(checkpoint, reloaded);
        boolean same = java.util.Arrays.equals(model.predict(testImages).toLongArray(),
                reloaded.predict(testImages).toLongArray());
        System.out.printf("saved %s; a fresh model loaded from it predicts %s on the %d test images%n", checkpoint,
                same ? "the same classes" : "DIFFERENT classes (a bug)", testSize);
        System.out.printf("done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        return new Result(epoch, bestEpoch, trainLoss, testAccuracy, same);
    }

    private static Tensor[] gather(Subset<Tensor[]> part) {
        return DataLoader.builder(part).batchSize(part.size()).build().iterator().next().tensors();
    }

    private static double evaluateLoss(DigitsClassifier model, CrossEntropyLoss criterion, Tensor[] data) {
        model.eval();
        try (var noGrad = GradMode.noGrad()) {
            return criterion.forward(model.forward(data[0]), data[1]).item();
        }
    }

    private static double accuracy(NDArray predicted, NDArray labels) {
        long[] p = predicted.toLongArray();
        long[] y = labels.toLongArray();
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += p[i] == y[i] ? 1 : 0;
        }
        return (double) correct / p.length;
    }
}
