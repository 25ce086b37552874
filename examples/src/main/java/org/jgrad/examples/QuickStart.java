package org.jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Module;
import org.jgrad.nn.data.Batch;
import org.jgrad.nn.data.DataLoader;
import org.jgrad.nn.data.TensorDataset;
import org.jgrad.nn.io.TrainingCheckpoint;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.jgrad.nn.loss.CrossEntropyLoss;
import org.jgrad.nn.optim.Adam;

/**
 * The README's nn example, runnable: define a model, train it a few steps with a DataLoader and an optimizer,
 * save it, load it into a fresh model and get the same predictions. Run: {@code ./jgrad example QuickStart}.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "The README's nn example: train a small classifier, save it, reload it, compare predictions.")
public final class QuickStart implements Callable<Integer> {
    private QuickStart() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(new QuickStart(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path file = Files.createTempDirectory("jgrad").resolve("model.safetensors");
        System.out.println("same predictions after reload: " + run(file));
        return 0;
    }

    /** Returns whether the reloaded model predicts exactly what the trained one does. */
    public static boolean run(Path file) throws Exception {
        // README example starts here
        Generator gen = new Generator(42);
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 256, 2));           // points in the plane
        Tensor y = x.sum(new int[] {1}, false).gt(Tensor.scalar(0, DType.F32)).to(DType.I64);   // class: x0 + x1 > 0

        Module model = new Sequential(new Linear(2, 16, gen), new ReLU(), new Linear(16, 2, gen));
        Adam optimizer = new Adam(model.parameters(), new Adam.Options().lr(0.05));
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        DataLoader loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(32).shuffle(7).build();

        for (int epoch = 0; epoch < 5; epoch++) {
            for (Batch batch : loader) {
                optimizer.zeroGrad();
                Tensor loss = lossFn.forward(model.forward(batch.features()), batch.labels());
                loss.backward();
                optimizer.step();
            }
        }
        TrainingCheckpoint.save(file, model, Map.of("epochs", "5"));          // atomic safetensors write

        Module fresh = new Sequential(new Linear(2, 16, gen), new ReLU(), new Linear(16, 2, gen));
        TrainingCheckpoint.restore(file, fresh);                              // strict: every key and shape
        try (var noGrad = GradMode.noGrad()) {
            long[] before = model.forward(x).argmax(1, false).toLongArray();
            long[] after = fresh.forward(x).argmax(1, false).toLongArray();
            return Arrays.equals(before, after);                              // true
        }
        // README example ends here
    }
}
