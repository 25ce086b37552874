package org.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jgrad.examples.hippo.Hippo;
import org.junit.jupiter.api.Test;

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
