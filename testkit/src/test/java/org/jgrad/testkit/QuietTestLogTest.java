package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The test log stays readable: a jqwik property that collects statistics (which jqwik prints as a histogram
 * after every property otherwise) reports them only when it fails. Scans every module's sources for properties
 * that call {@code Statistics.} and checks that each carries {@code @StatisticsReport(onFailureOnly = true)}.
 */
class QuietTestLogTest {
    @Test
    void statisticsAreReportedOnlyOnFailure() throws IOException {
        List<String> loud = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/target/"))
                    .toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).trim();
                    if (!l.startsWith("Statistics.")) {
                        continue;
                    }
                    int j = i;
                    while (j > 0 && !lines.get(j).trim().startsWith("@Property")) {
                        j--;
                    }
                    boolean quiet = lines.get(j - 1).contains("@StatisticsReport(onFailureOnly = true)")
                            || lines.get(j + 1).contains("@StatisticsReport(onFailureOnly = true)");
                    if (!quiet) {
                        loud.add(f.normalize() + ":" + (i + 1));
                    }
                }
            }
        }
        assertEquals(List.of(), loud, "properties that would print statistics on every run");
    }
}
