package org.jgrad.examples;

import picocli.CommandLine;

/**
 * How the examples run their command lines: picocli, with a bad option or value answered by one line (what is
 * wrong, and where to look) and exit code 2, never a stack trace or a page of usage.
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
        return cmd.execute(args);
    }
}
