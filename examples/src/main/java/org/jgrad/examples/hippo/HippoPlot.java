package org.jgrad.examples.hippo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./jgrad hippo plot LOG}: PNG charts of a learning-mode log ({@link TrainingLogPlots}). */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a learning-mode training log (logs/training_*.jsonl) as PNG charts beside it.")
public final class HippoPlot implements Callable<Integer> {
    @Parameters(paramLabel = "LOG", description = "the .jsonl file")
    Path log;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(log)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "no log file " + log.toAbsolutePath());
        }
        for (Path png : TrainingLogPlots.draw(log)) {
            System.out.println("wrote " + png);
        }
        return 0;
    }
}
