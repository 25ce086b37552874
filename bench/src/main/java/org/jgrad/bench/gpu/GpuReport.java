package org.jgrad.bench.gpu;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns {@link GpuBench}'s JSON into the GPU report: a markdown file with tables (times, GFLOP/s and GB/s, % of
 * the device's and the CPU's peaks, the crossover sizes where the GPU wins with and without transfers, our
 * SGEMM against cuBLAS) and PNG charts beside it ({@link GpuCharts}).
 *
 * <pre>{@code
 * java ... GpuReport bench/results/gpu-20261204-1900     # reads gpu.json, cpu-*.json; writes report.md, *.png
 * }</pre>
 */
public final class GpuReport {
    private GpuReport() {
    }

    /** One measured series: id -> point, in measurement order. */
    record Series(String label, Map<String, JsonObject> points) {
        JsonObject get(String id) {
            return points.get(id);
        }

        double ms(String id) {
            JsonObject p = points.get(id);
            return p == null ? Double.NaN : p.get("ms").getAsDouble();
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        JsonObject gpuJson = read(dir.resolve("gpu.json"));
        Series gpu = series("GPU (ours)", gpuJson);
        TreeMap<Integer, Series> cpus = new TreeMap<>();
        JsonObject anyCpu = null;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("cpu-\\d+\\.json")).toList()) {
                JsonObject j = read(f);
                anyCpu = j;
                int t = j.get("threads").getAsInt();
                cpus.put(t, series("CPU simd, " + t + " thread" + (t == 1 ? "" : "s"), j));
            }
        }
        String md = markdown(gpuJson, gpu, cpus, anyCpu);
        GpuCharts.write(dir, gpuJson, gpu, cpus);
        Files.writeString(dir.resolve("report.md"), md);
        System.out.println("GpuReport: wrote " + dir.resolve("report.md") + " and its charts");
    }

    private static JsonObject read(Path p) throws IOException {
        return new Gson().fromJson(Files.readString(p), JsonObject.class);
    }

    static Series series(String label, JsonObject json) {
        Map<String, JsonObject> points = new LinkedHashMap<>();
        JsonArray arr = json.getAsJsonArray("points");
        for (JsonElement e : arr) {
            JsonObject o = e.getAsJsonObject();
            points.put(o.get("id").getAsString(), o);
        }
        return new Series(label, points);
    }

    /** FP32 lanes per multiprocessor by compute capability (NVIDIA's CUDA C programming guide, arithmetic table). */
    static int fp32PerSm(String cc) {
        return switch (cc) {
            case "7.0", "7.2", "7.5", "8.0" -> 64;
            default -> 128;   // 6.1, 8.6, 8.7, 8.9, 9.0, 10.x, 12.x
        };
    }

    /** Peak float32 GFLOP/s from the device's attributes (FMA = 2 flops). */
    static double gpuPeakGflops(JsonObject device) {
        double ghz = device.get("clockKHz").getAsDouble() / 1e6;
        return device.get("multiprocessors").getAsInt() * fp32PerSm(device.get("computeCapability").getAsString())
                * 2 * ghz;
    }

    /** Peak memory GB/s from the memory clock and bus width (double data rate). */
    static double gpuPeakGBs(JsonObject device) {
        return 2 * device.get("memoryClockKHz").getAsDouble() * 1e3 * device.get("memoryBusBits").getAsInt() / 8 / 1e9;
    }

    /** Peak float32 GFLOP/s of the CPU: threads x 2 FMA units x lanes x 2 flops x clock (an estimate). */
    static double cpuPeakGflops(JsonObject cpu, int threads) {
        double ghz = cpu.has("mhz") ? cpu.get("mhz").getAsDouble() / 1e3 : Double.NaN;
        int lanes = cpu.get("simdFlags").getAsString().contains("avx512f") ? 16 : 8;
        return threads * 2.0 * lanes * 2 * ghz;
    }

    static String f(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String fmt = a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, fmt, v);
    }

    private static String markdown(JsonObject gpuJson, Series gpu, TreeMap<Integer, Series> cpus, JsonObject cpu) {
        JsonObject d = gpuJson.getAsJsonObject("device");
        double peak = gpuPeakGflops(d);
        double peakBw = gpuPeakGBs(d);
        double copy = d.get("copyGBs").getAsDouble();
        int allThreads = cpus.isEmpty() ? 0 : cpus.lastKey();
        Series cpuAll = cpus.isEmpty() ? null : cpus.lastEntry().getValue();
        Series cpuOne = cpus.get(1);
        StringBuilder s = new StringBuilder();
        s.append("# jgrad on the GPU: our CUDA kernels vs the CPU and cuBLAS\n\n");
        s.append("- GPU: ").append(d.get("name").getAsString()).append(", compute capability ")
                .append(d.get("computeCapability").getAsString()).append(", ").append(d.get("multiprocessors").getAsInt())
                .append(" SMs at ").append(f(d.get("clockKHz").getAsDouble() / 1e3)).append(" MHz, memory bus ")
                .append(d.get("memoryBusBits").getAsInt()).append(" bits at ").append(f(d.get("memoryClockKHz").getAsDouble() / 1e3))
                .append(" MHz; driver CUDA ").append(d.get("driver").getAsString()).append(", our PTX ISA ")
                .append(d.get("ptx").getAsString()).append('\n');
        s.append("- GPU peaks from those attributes: float32 ").append(f(peak)).append(" GFLOP/s (SMs x ")
                .append(fp32PerSm(d.get("computeCapability").getAsString())).append(" lanes x 2 x clock), memory ")
                .append(f(peakBw)).append(" GB/s; measured device-to-device copy (cuMemcpyDtoD of 1 GiB, read + write): ")
                .append(f(copy)).append(" GB/s\n");
        if (cpu != null) {
            s.append("- CPU: ").append(cpu.get("cpu").getAsString()).append(", SIMD flags ")
                    .append(cpu.get("simdFlags").getAsString()).append("; jgrad simd backend at 1 and ").append(allThreads)
                    .append(" threads; CPU peak (estimate: threads x 2 FMA x lanes x 2 x ")
                    .append(cpu.has("mhz") ? f(cpu.get("mhz").getAsDouble()) + " MHz" : "clock").append("): ")
                    .append(f(cpuPeakGflops(cpu, allThreads))).append(" GFLOP/s at ").append(allThreads).append(" threads\n");
        }
        s.append("- GPU times are CUDA events around repeated runs after a warm-up run (our kernels and cuBLAS alike);")
                .append(" CPU times are wall clock, same protocol. Transfer = host to device of the inputs and device")
                .append(" to host of one result, through the backend (pageable memory).\n");
        if (d.has("launchMicros")) {
            s.append("- Launch overhead: ").append(f(d.get("launchMicros").getAsDouble()))
                    .append(" us of host time per elementwise launch (1-element adds queued back to back)\n");
        }
        if (d.has("cublasError")) {
            s.append("- cuBLAS could not run here: ").append(d.get("cublasError").getAsString()).append('\n');
        }
        s.append("\n## Matrix product (float32, n x n x n)\n\n![matmul](matmul.png)\n\n");
        s.append("| n | ours ms | ours GFLOP/s | % of FP32 peak | cuBLAS GFLOP/s | ours / cuBLAS | transfer ms |");
        s.append(" CPU 1 thr GFLOP/s | CPU ").append(allThreads).append(" thr GFLOP/s | CPU % of peak |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|\n");
        Integer crossKernel = null;
        Integer crossWithTransfer = null;
        for (JsonObject p : gpu.points().values()) {
            if (!p.get("family").getAsString().equals("matmul")) {
                continue;
            }
            String id = p.get("id").getAsString();
            int n = p.get("size").getAsInt();
            double ms = p.get("ms").getAsDouble();
            double flops = 2.0 * n * n * n;
            double cublas = p.has("cublasMs") ? flops / (p.get("cublasMs").getAsDouble() * 1e-3) / 1e9 : Double.NaN;
            double ours = p.get("gflops").getAsDouble();
            double transfer = p.has("transferMs") ? p.get("transferMs").getAsDouble() : Double.NaN;
            double cpuMs = cpuAll == null ? Double.NaN : cpuAll.ms(id);
            if (crossKernel == null && ms < cpuMs) {
                crossKernel = n;
            }
            if (crossWithTransfer == null && ms + transfer < cpuMs) {
                crossWithTransfer = n;
            }
            double cpuAllG = Double.isNaN(cpuMs) ? Double.NaN : flops / (cpuMs * 1e-3) / 1e9;
            s.append("| ").append(n).append(" | ").append(f(ms)).append(" | ").append(f(ours)).append(" | ")
                    .append(f(100 * ours / peak)).append("% | ").append(f(cublas)).append(" | ")
                    .append(f(100 * ours / cublas)).append("% | ").append(f(transfer)).append(" | ")
                    .append(cpuOne == null ? "-" : f(flops / (cpuOne.ms(id) * 1e-3) / 1e9)).append(" | ")
                    .append(f(cpuAllG)).append(" | ")
                    .append(cpu == null ? "-" : f(100 * cpuAllG / cpuPeakGflops(cpu, allThreads)) + "%").append(" |\n");
        }
        s.append("\nCrossover (GPU faster than the CPU at ").append(allThreads).append(" threads): from n = ")
                .append(crossKernel == null ? "none measured" : crossKernel).append(" counting the kernel alone, from n = ")
                .append(crossWithTransfer == null ? "none measured" : crossWithTransfer).append(" counting the transfers.\n");
        gemmKernels(s, gpu);
        s.append("\n## The shapes of our workloads\n\n| product | GPU ms | GPU GFLOP/s | CPU 1 thr ms | CPU ")
                .append(allThreads).append(" thr ms |\n|---|---|---|---|---|\n");
        rows(s, gpu, cpuOne, cpuAll, "shapes", "gflops");
        s.append("\n## Elementwise add (float32, out = a + b, 12 bytes per element)\n\n![add](add.png)\n\n");
        s.append("| elements | GPU ms | GPU GB/s | % of copy bandwidth | % of peak bandwidth | transfer ms |")
                .append(" CPU 1 thr GB/s | CPU ").append(allThreads).append(" thr GB/s |\n|---|---|---|---|---|---|---|---|\n");
        Long addCross = null;
        Long addCrossT = null;
        for (JsonObject p : gpu.points().values()) {
            if (!p.get("family").getAsString().equals("add")) {
                continue;
            }
            String id = p.get("id").getAsString();
            long n = p.get("size").getAsLong();
            double gbs = p.get("gbs").getAsDouble();
            double transfer = p.has("transferMs") ? p.get("transferMs").getAsDouble() : Double.NaN;
            double cpuMs = cpuAll == null ? Double.NaN : cpuAll.ms(id);
            double ms = p.get("ms").getAsDouble();
            if (addCross == null && ms < cpuMs) {
                addCross = n;
            }
            if (addCrossT == null && ms + transfer < cpuMs) {
                addCrossT = n;
            }
            s.append("| ").append(n).append(" | ").append(f(ms)).append(" | ").append(f(gbs)).append(" | ")
                    .append(f(100 * gbs / copy)).append("% | ").append(f(100 * gbs / peakBw)).append("% | ")
                    .append(f(transfer)).append(" | ")
                    .append(cpuOne == null ? "-" : f(12.0 * n / (cpuOne.ms(id) * 1e-3) / 1e9)).append(" | ")
                    .append(Double.isNaN(cpuMs) ? "-" : f(12.0 * n / (cpuMs * 1e-3) / 1e9)).append(" |\n");
        }
        s.append("\nCrossover: the GPU add is faster from ").append(addCross == null ? "none measured" : addCross + " elements")
                .append(" (kernel alone); with transfers, ").append(addCrossT == null ? "never in this range" : "from " + addCrossT)
                .append(".\n");
        s.append("\n## Softmax and layerNorm (rows x 1024, float32; fused row kernels on the GPU and the CPU)\n\n")
                .append("| op | GPU ms | GPU GB/s |")
                .append(" CPU 1 thr ms | CPU ").append(allThreads).append(" thr ms |\n|---|---|---|---|---|\n");
        rows(s, gpu, cpuOne, cpuAll, "softmax", "gbs");
        rows(s, gpu, cpuOne, cpuAll, "layerNorm", "gbs");
        s.append("\n## A whole training step\n\n| workload | GPU ms/step | GPU tokens/s | CPU 1 thr tokens/s | CPU ")
                .append(allThreads).append(" thr tokens/s |\n|---|---|---|---|---|\n");
        for (JsonObject p : gpu.points().values()) {
            if (p.get("family").getAsString().equals("train")) {
                String id = p.get("id").getAsString();
                s.append("| ").append(id).append(" | ").append(f(p.get("ms").getAsDouble())).append(" | ")
                        .append(f(p.get("tokensPerSecond").getAsDouble())).append(" | ")
                        .append(tokens(cpuOne, id)).append(" | ").append(tokens(cpuAll, id)).append(" |\n");
            }
        }
        return s.toString();
    }

    private static String tokens(Series cpu, String id) {
        JsonObject p = cpu == null ? null : cpu.get(id);
        return p == null ? "-" : f(p.get("tokensPerSecond").getAsDouble());
    }

    /** Our SGEMM kernels side by side at each n, as GFLOP/s and as a share of cuBLAS in the same run. */
    private static void gemmKernels(StringBuilder s, Series gpu) {
        List<String> kernels = new ArrayList<>();
        for (JsonObject p : gpu.points().values()) {
            if (p.has("kernelMs")) {
                p.getAsJsonObject("kernelMs").keySet().stream().filter(k -> !kernels.contains(k)).forEach(kernels::add);
            }
        }
        if (kernels.isEmpty()) {
            return;
        }
        s.append("\nOur SGEMM kernels (`GemmKernel`; all give the same bits), GFLOP/s and % of cuBLAS:\n\n| n |");
        kernels.forEach(k -> s.append(' ').append(k).append(" |"));
        s.append("\n|---|").append("---|".repeat(kernels.size())).append('\n');
        for (JsonObject p : gpu.points().values()) {
            if (!p.has("kernelMs")) {
                continue;
            }
            int n = p.get("size").getAsInt();
            double flops = 2.0 * n * n * n;
            double cublas = p.has("cublasMs") ? p.get("cublasMs").getAsDouble() : Double.NaN;
            s.append("| ").append(n).append(" |");
            JsonObject ms = p.getAsJsonObject("kernelMs");
            for (String k : kernels) {
                double t = ms.has(k) ? ms.get(k).getAsDouble() : Double.NaN;
                s.append(' ').append(f(flops / (t * 1e-3) / 1e9)).append(" (").append(f(100 * cublas / t)).append("%) |");
            }
            s.append('\n');
        }
    }

    private static void rows(StringBuilder s, Series gpu, Series cpuOne, Series cpuAll, String family, String rate) {
        for (JsonObject p : gpu.points().values()) {
            if (!p.get("family").getAsString().equals(family)) {
                continue;
            }
            String id = p.get("id").getAsString();
            s.append("| ").append(id).append(" | ").append(f(p.get("ms").getAsDouble())).append(" | ")
                    .append(f(p.get(rate).getAsDouble())).append(" | ")
                    .append(cpuOne == null ? "-" : f(cpuOne.ms(id))).append(" | ")
                    .append(cpuAll == null ? "-" : f(cpuAll.ms(id))).append(" |\n");
        }
    }
}
