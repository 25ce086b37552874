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
    /** System property: how the user invoked the command ({@code ./jgrad} sets it). */
    public static final String INVOCATION_PROPERTY = "jgrad.invocation";

    private Cli() {
    }

    /** Runs {@code command} on {@code args}; returns the exit code. */
    public static int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        // Usage lines and messages name the command as the user typed it (./jgrad sets this), e.g.
        // "./jgrad example labs.FailureModesLab", rather than the class's short name.
        String invocation = System.getProperty(INVOCATION_PROPERTY);
        if (invocation != null && !invocation.isBlank()) {
            cmd.setCommandName(invocation);
        }
        cmd.setParameterExceptionHandler((e, a) -> {
            String name = nameIn(cmd, e.getCommandLine());
            System.err.println(name + ": " + e.getMessage() + " (see " + name + " --help)");
            return 2;
        });
        // A user's mistake found while running (a missing file, a malformed one) is one line and exit code 1;
        // anything else is a bug and keeps its stack trace.
        cmd.setExecutionExceptionHandler((e, failed, parsed) -> {
            if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                    || e instanceof IllegalArgumentException) {
                System.err.println(nameIn(cmd, failed) + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cmd.execute(args);
    }

    /**
     * The full name of {@code failed}'s command within {@code root}'s tree ({@code ./jgrad hippo serve}): a
     * command that checks its options itself throws with a {@code new CommandLine(this)} outside that tree.
     */
    private static String nameIn(CommandLine root, CommandLine failed) {
        if (root.getCommand() == failed.getCommand()) {
            return root.getCommandSpec().qualifiedName();
        }
        for (CommandLine sub : root.getSubcommands().values()) {
            String found = nameIn(sub, failed);
            if (found != null) {
                return found;
            }
        }
        return root.getParent() == null ? failed.getCommandSpec().qualifiedName() : null;
    }
}
