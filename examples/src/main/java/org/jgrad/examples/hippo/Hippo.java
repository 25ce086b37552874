package org.jgrad.examples.hippo;

import java.util.concurrent.Callable;
import org.jgrad.examples.EpochProgress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * "hippo": the MNIST network of Nielsen's book ([784, 30, 10], sigmoid, quadratic cost, mini-batch SGD),
 * trained from the command line with test accuracy after each epoch.
 *
 * <pre>
 * ./jgrad hippo                          # 30 epochs on digits the project draws, autograd form
 * ./jgrad hippo --data fashion           # Fashion-MNIST (scripts/install-learners.sh installs it)
 * ./jgrad hippo --data ~/mnist --form textbook --epochs 5
 * ./jgrad hippo --log learning           # also writes logs/training_YYYYMMDD_HHMMSS.jsonl
 * ./jgrad hippo serve                    # the same run as an HTTP service (see HippoServer)
 * </pre>
 */
@Command(name = "hippo", mixinStandardHelpOptions = true, subcommands = {HippoServe.class, HippoPlot.class},
        description = "Train the network of Nielsen's book ([784, 30, 10], sigmoid, quadratic cost, SGD) and print"
                + " test accuracy after each epoch.")
public final class Hippo implements Callable<Integer> {
    @Option(names = "--epochs", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs = 30;
    @Option(names = "--mini-batch-size", description = "samples per SGD step (default ${DEFAULT-VALUE})")
    int miniBatch = 10;
    @Option(names = "--lr", description = "learning rate eta (default ${DEFAULT-VALUE})")
    double lr = 3.0;
    @Option(names = "--form", description = "autograd (float32, backward()) or textbook (float64 hand-written"
            + " backprop) (default ${DEFAULT-VALUE})")
    String form = "autograd";
    @Mixin
    DataOptions data = new DataOptions();
    @Option(names = "--log", description = "fast (the epoch table only) or learning (also a JSONL log of weights and"
            + " gradients under logs/) (default ${DEFAULT-VALUE})")
    String log = "fast";

    public static void main(String[] args) {
        System.exit(org.jgrad.examples.Cli.run(new Hippo(), args));
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (epochs < 1 || miniBatch < 1 || data.trainSize < miniBatch || data.testSize < 1 || !(lr > 0)) {
            throw new CommandLine.ParameterException(cmd, "--epochs, --mini-batch-size, --test-size and --lr must be"
                    + " positive and --train-size at least one mini-batch");
        }
        HippoTrainer.Form f = switch (form) {
            case "autograd" -> HippoTrainer.Form.AUTOGRAD;
            case "textbook" -> HippoTrainer.Form.TEXTBOOK;
            default -> throw new CommandLine.ParameterException(cmd, "--form must be autograd or textbook, got '"
                    + form + "'");
        };
        if (!log.equals("fast") && !log.equals("learning")) {
            throw new CommandLine.ParameterException(cmd, "--log must be fast or learning, got '" + log + "'");
        }
        MnistSource.Data d = data.load();
        System.out.printf("data: %s; %d training, %d test images%n", d.description(), d.trainImages().shape().dim(0),
                d.testImages().shape().dim(0));
        System.out.printf("network [784, 30, 10], sigmoid, quadratic cost, SGD eta %s, mini-batch %d, %s form%n", lr,
                miniBatch, form);
        System.out.println("epoch   test correct   accuracy   seconds");
        HippoTrainer.Listener table = new HippoTrainer.Listener() {
            private EpochProgress bar;

            @Override
            public void batchDone(int epoch, int done, int batches) {
                if (bar == null) {
                    bar = EpochProgress.start("epoch " + epoch + "/" + epochs, batches);
                }
                bar.step();
                if (done == batches) {
                    bar.close();
                    bar = null;
                }
            }

            @Override
            public void epochEnd(HippoTrainer.EpochResult e, java.util.List<HippoTrainer.Stats> weights) {
                System.out.printf("%5d   %6d / %d   %7.2f%%   %7.2f%n", e.epoch(), e.correct(), e.total(), e.percent(),
                        e.seconds());
            }
        };
        HippoTrainer trainer = new HippoTrainer(d, epochs, miniBatch, lr, f, data.seed);
        if (log.equals("learning")) {
            try (TrainingLog jsonl = TrainingLog.create(java.nio.file.Path.of("logs"))) {
                trainer.run(Listeners.both(table, jsonl));
                System.out.println("log: " + jsonl.file());
            }
        } else {
            trainer.run(table);
        }
        return 0;
    }
}
