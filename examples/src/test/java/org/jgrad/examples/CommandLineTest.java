package org.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrad.examples.hippo.Hippo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The command line a newcomer meets: every runnable example is in ./jgrad help; bad values get one line and 2. */
class CommandLineTest {
    /** Examples reached through their own command rather than {@code example NAME}. */
    private static final List<String> OWN_COMMAND = List.of("QuickDemo", "digits.DigitsMlp", "hippo.Hippo");
    /** A class's own main method (not one in a Javadoc example). */
    private static final Pattern MAIN = Pattern.compile("(?m)^    public static void main\\(");

    @Test
    void helpListsEveryRunnableExample() throws IOException {
        String script = Files.readString(Path.of("..", "jgrad"));
        String help = script.substring(script.indexOf("cat <<'HELP'"), script.indexOf("\nHELP\n"));
        Path root = Path.of("src", "main", "java", "org", "jgrad", "examples");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (!MAIN.matcher(Files.readString(f)).find()) {
                    continue;
                }
                String name = root.relativize(f).toString().replace(".java", "").replace('/', '.');
                if (!OWN_COMMAND.contains(name)) {
                    assertTrue(help.contains("example " + name), "./jgrad help does not list example " + name);
                }
            }
        }
        for (String command : List.of("train", "hippo", "demo", "doctor", "bench", "test")) {
            assertTrue(help.contains("\n  " + command), "./jgrad help does not list " + command);
        }
    }

    /** The runnable examples' classes (those with their own main method). */
    private static List<Class<?>> runnableExamples() throws IOException, ClassNotFoundException {
        Path root = Path.of("src", "main", "java", "org", "jgrad", "examples");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (MAIN.matcher(Files.readString(f)).find()) {
                    String name = root.relativize(f).toString().replace(".java", "").replace('/', '.');
                    out.add(Class.forName("org.jgrad.examples." + name));
                }
            }
        }
        return out;
    }

    private static Object instance(Class<?> c) throws ReflectiveOperationException {
        Constructor<?> k = c.getDeclaredConstructor();
        k.setAccessible(true);
        return k.newInstance();
    }

    /** Runs {@code command} on {@code args}: the exit code and what it printed to stderr. */
    private static Map.Entry<Integer, String> run(Object command, String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return Map.entry(Cli.run(command, args), bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    /**
     * Every runnable example is a picocli command: {@code --help} documents it, an unknown option and a negative
     * value for any numeric option but the seed get one line and exit code 2, before any work starts (the
     * timeout would catch a command that began training first).
     */
    @Test
    void everyExampleDocumentsItsOptionsAndChecksThemFirst() throws Exception {
        for (Class<?> c : runnableExamples()) {
            assertNotNull(c.getAnnotation(Command.class), c.getSimpleName() + " is not a picocli @Command");
            Map.Entry<Integer, String> unknown = run(instance(c), "--no-such-option");
            assertEquals(2, unknown.getKey(), c.getSimpleName() + ": " + unknown.getValue());
            assertEquals(1, unknown.getValue().lines().count(), c.getSimpleName() + ": " + unknown.getValue());
            for (Map.Entry<List<String>, CommandSpec> cmd : commands(List.of(), new CommandLine(instance(c)))) {
                for (OptionSpec o : cmd.getValue().options()) {
                    Class<?> type = o.type();
                    if (!(type == int.class || type == long.class || type == double.class)
                            || o.longestName().equals("--seed")) {
                        continue;
                    }
                    List<String> args = new ArrayList<>(cmd.getKey());
                    args.addAll(List.of(o.longestName(), "-1"));
                    Object fresh = instance(c);
                    String what = c.getSimpleName() + " " + String.join(" ", args);
                    Map.Entry<Integer, String> bad = assertTimeoutPreemptively(Duration.ofSeconds(30),
                            () -> run(fresh, args.toArray(String[]::new)), what);
                    assertEquals(2, bad.getKey(), what + ": " + bad.getValue());
                    assertEquals(1, bad.getValue().lines().count(), what + ": " + bad.getValue());
                }
            }
        }
    }

    /** A command and its subcommands, each with the arguments that select it. */
    private static List<Map.Entry<List<String>, CommandSpec>> commands(List<String> prefix, CommandLine cl) {
        List<Map.Entry<List<String>, CommandSpec>> out = new ArrayList<>();
        out.add(Map.entry(prefix, cl.getCommandSpec()));
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> p = new ArrayList<>(prefix);
            p.add(name);
            out.addAll(commands(p, sub));
        });
        return out;
    }

    @Test
    void messagesNameTheCommandAsTheUserTypedIt() {
        System.setProperty(Cli.INVOCATION_PROPERTY, "./jgrad hippo");
        try {
            Map.Entry<Integer, String> r = run(new Hippo(), "serve", "--port", "-1");
            assertEquals(2, r.getKey(), r.getValue());
            assertTrue(r.getValue().startsWith("./jgrad hippo serve: --port"), r.getValue());
            assertTrue(r.getValue().contains("(see ./jgrad hippo serve --help)"), r.getValue());
        } finally {
            System.clearProperty(Cli.INVOCATION_PROPERTY);
        }
    }

    @Test
    void aBadValueGetsOneLineAndExitCode2() {
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Cli.run(new Hippo(), "--epochs", "many");
        } finally {
            System.setErr(err);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("hippo: Invalid value for option '--epochs'"), text);
        assertTrue(text.contains("(see hippo --help)"), text);
    }
}
