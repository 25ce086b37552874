package org.jgrad.examples;

import picocli.CommandLine;

/**
 * How the examples run their command lines: picocli, with a bad option or value answered by one line (what is
 * wrong, and where to look) and exit code 2, never a stack trace or a page of usage; a missing or malformed input
 * file found later is one line and exit code 1.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(Cli.run(new DigitsMlp(), args));
 * }
 * }</pre>
 */
public final class Cli {
    private Cli() {
    }

    /** Runs {@code command} on {@code args}; returns the exit code. */
    public static int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        cmd.setParameterExceptionHandler((e, a) -> {
            CommandLine failed = e.getCommandLine();
            System.err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
                    + failed.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        // A user's mistake found while running (a missing file, a malformed one) is one line and exit code 1;
        // anything else is a bug and keeps its stack trace.
        cmd.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                    || e instanceof IllegalArgumentException) {
                System.err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cmd.execute(args);
    }
}
