package org.jgrad.core.cpu.determinism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Same inputs, same bits, whichever JIT tier runs the simd kernels and however many threads they use.
 *
 * <p>{@link KernelDigests} runs in three child JVMs at the default vector width: interpreter only
 * ({@code -Xint}); C2 only ({@code -XX:-TieredCompilation -Xbatch} with a low compile threshold, so that after
 * a few rounds every kernel runs C2 code, which the child's {@code -XX:+PrintCompilation} output must show);
 * and the C2 one again with one thread instead of two. The kernels' digests must agree line by line. Before
 * our own exp/log and fixed-order lane sums, the interpreter and C2 disagreed on EXP, LOG, SIN, COS, POW and
 * every vector-reduced SUM: the Vector API leaves {@code lanewise(EXP)} and {@code reduceLanes(ADD)} to the
 * implementation, and C2's differs from the Java fallback.
 */
class KernelDeterminismTest {
    /** Rounds in the C2 child: compile threshold 100, so the kernels are C2 code well before the last. */
    private static final int C2_ROUNDS = 150;
    /** Kernels whose compilation the C2 child must report, or the comparison would prove nothing. */
    private static final List<String> MUST_COMPILE = List.of("FloatExp::exp", "FloatLog::log", "FloatErf::erf",
            "SimdReduce::sumDense", "SimdReduce::maxDense", "SimdUnary::", "SimdBinary::");

    @Test
    void interpreterAndC2AndThreadCountsGiveTheSameBits() throws Exception {
        Run interpreted = run(List.of("-Xint", "-Djgrad.threads=2"), 1, "small");
        Run compiled = run(List.of("-XX:-TieredCompilation", "-Xbatch", "-XX:CompileThreshold=100",
                "-XX:+PrintCompilation", "-Djgrad.threads=2"), C2_ROUNDS, "all");
        Run oneThread = run(List.of("-Djgrad.threads=1"), 3, "all");
        List<String> differ = new ArrayList<>();
        for (Map.Entry<String, String> e : interpreted.digests.entrySet()) {
            if (!e.getValue().equals(compiled.digests.get(e.getKey()))) {
                differ.add("-Xint vs C2: " + e.getKey());
            }
        }
        for (Map.Entry<String, String> e : compiled.digests.entrySet()) {
            if (e.getValue().endsWith("UNSTABLE")) {
                differ.add("first vs last round under C2: " + e.getKey());
            }
            if (!e.getValue().equals(oneThread.digests.get(e.getKey()))) {
                differ.add("2 threads vs 1: " + e.getKey());
            }
        }
        assertTrue(interpreted.digests.size() > 40, "too few digests: " + interpreted.digests.keySet());
        assertEquals(List.of(), differ, "kernels whose bits differ");
        for (String method : MUST_COMPILE) {
            assertTrue(compiled.output.contains(method), "the C2 child did not compile " + method);
        }
    }

    private record Run(String output, Map<String, String> digests) {
    }

    private static Run run(List<String> jvmOptions, int rounds, String suite) throws IOException,
            InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KernelDigests.class.getName());
        cmd.add(Integer.toString(rounds));
        cmd.add(suite);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("child JVM did not finish: " + cmd);
        }
        String output = new String(bytes, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("child JVM failed (" + p.exitValue() + "): " + cmd + "\n" + output);
        }
        Map<String, String> digests = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("DIGEST ")) {
                String rest = line.substring("DIGEST ".length());
                int cut = rest.lastIndexOf(' ', rest.endsWith("UNSTABLE") ? rest.length() - 10 : rest.length());
                digests.put(rest.substring(0, cut), rest.substring(cut + 1));
            }
        }
        return new Run(output, digests);
    }
}
