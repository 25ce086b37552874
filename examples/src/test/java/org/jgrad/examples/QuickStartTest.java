package org.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's nn example runs as printed, and its file is where it says. */
class QuickStartTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleReloadsToTheSamePredictions() throws Exception {
        Path file = dir.resolve("model.safetensors");
        assertTrue(QuickStart.run(file));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void theReadmeShowsTheExampleAsItIs() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/jgrad/examples/QuickStart.java"));
        String readme = Files.readString(Path.of("../README.md"));
        String snippet = source.substring(source.indexOf("// README example starts here\n") + 31,
                source.indexOf("        // README example ends here"));
        for (String line : snippet.stripIndent().lines().toList()) {
            assertTrue(readme.contains(line.strip()), "README lacks the example line: " + line.strip());
        }
    }
}
