package org.jgrad.examples;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for one epoch (mini-batches done, rate, ETA) on the terminal, cleared when the epoch ends so
 * that the epoch table keeps its columns. Nothing at all when the output is not a terminal (a pipe, a file, CI):
 * logs stay free of control characters.
 *
 * <pre>{@code
 * try (EpochProgress bar = EpochProgress.start("epoch 3/12", batches)) {
 *     for (...) { ...; bar.step(); }
 * }
 * }</pre>
 */
public final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;

    private EpochProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar of {@code batches} steps, or a silent stand-in when there is no terminal. */
    public static EpochProgress start(String task, int batches) {
        if (!terminal()) {
            return new EpochProgress(null);
        }
        return new EpochProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).setUpdateIntervalMillis(200)
                .setMaxRenderedLength(100).clearDisplayOnFinish().setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .showSpeed().build());
    }

    /**
     * Whether the output is a terminal. JDK 22+ answers with {@code Console.isTerminal()} (its console exists even
     * for pipes); on JDK 21, a console exists only for a terminal.
     */
    static boolean terminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** One mini-batch done. */
    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
