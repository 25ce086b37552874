package org.jgrad.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine facts printed above the table: CPU model and its SIMD flags (from {@code lscpu}), CPU count and
 * load average (timings on a loaded machine are noisy, so the load is printed before and after the runs).
 *
 * <pre>{@code
 * MachineInfo.Cpu cpu = MachineInfo.cpu();
 * cpu.model();        // "AMD EPYC 9R45"
 * cpu.simdFlags();    // [avx2, avx512f]
 * }</pre>
 */
public final class MachineInfo {
    /** The SIMD flags worth naming: what decides which vector width the kernels can use. */
    static final List<String> SIMD_FLAGS = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl",
            "avx512_bf16", "asimd", "sve");

    private MachineInfo() {
    }

    /** The CPU model and its SIMD flags among {@link #SIMD_FLAGS}. */
    public record Cpu(String model, Set<String> simdFlags) {
    }

    /** From {@code lscpu}; "unknown" when it cannot be run. */
    public static Cpu cpu() {
        try {
            Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return parseLscpu(out);
        } catch (IOException e) {
            return new Cpu("unknown (lscpu: " + e.getMessage() + ")", Set.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cpu("unknown (interrupted)", Set.of());
        }
    }

    /** Reads the "Model name:" and "Flags:" lines of {@code lscpu} output. */
    static Cpu parseLscpu(String out) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>((a, b) -> SIMD_FLAGS.indexOf(a) - SIMD_FLAGS.indexOf(b));
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("Model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("Flags")) {
                for (String f : value.split("\\s+")) {
                    if (SIMD_FLAGS.contains(f)) {
                        flags.add(f);
                    }
                }
            }
        }
        return new Cpu(model, flags);
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            List<String> first = new ArrayList<>(List.of(parts).subList(0, Math.min(3, parts.length)));
            return String.join(" ", first);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
