package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed PTX: it has every kernel the backend launches (no GPU needed), and where {@code nvcc} is
 * installed, it is what {@code build-ptx.sh} makes of the current source and {@code ptxas} accepts it.
 */
class PtxTest {
    private static String committed() {
        return CudaDevice.loadPtx();
    }

    private static Set<String> entries(String ptx) {
        Set<String> names = new HashSet<>();
        Matcher m = Pattern.compile("\\.entry\\s+(\\w+)\\s*\\(").matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyKernelTheBackendLaunchesIsInThePtx() {
        Set<String> present = entries(committed());
        List<String> missing = KernelNames.all().stream().filter(k -> !present.contains(k)).toList();
        assertTrue(missing.isEmpty(), "kernels missing from the committed PTX (edit jgrad_kernels.cu, run"
                + " cuda/build-ptx.sh): " + missing);
    }

    @Test
    void ptxTargetsAnOldEnoughGpu() {
        Matcher m = Pattern.compile("(?m)^\\.target\\s+sm_(\\d+)").matcher(committed());
        assertTrue(m.find(), "no .target line");
        assertEquals("75", m.group(1), "compute capability 7.5 (Turing) keeps common GPUs supported");
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + output);
        return output;
    }

    @Test
    void committedPtxIsCurrentAndPtxasAcceptsIt() throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not installed here: the PTX freshness check runs where it is");
        Path fresh = Files.createTempFile("jgrad_kernels", ".ptx");
        Path sass = Files.createTempFile("jgrad_kernels", ".cubin");
        try {
            run("bash", "build-ptx.sh", fresh.toString());
            assertEquals(committed(), Files.readString(fresh, StandardCharsets.US_ASCII),
                    "the committed PTX is stale: run cuda/build-ptx.sh and commit the result");
            // nvcc hands a .ptx input to ptxas: machine code for sm_75 from exactly the committed text.
            run("nvcc", "-cubin", "-arch=sm_75", "-o", sass.toString(), "src/main/resources" + CudaDevice.PTX_RESOURCE);
        } finally {
            Files.deleteIfExists(fresh);
            Files.deleteIfExists(sass);
        }
    }
}
