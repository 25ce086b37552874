package org.jgrad.bench.gpu;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.autograd.Tensor;
import org.jgrad.bench.peers.MachineInfo;
import org.jgrad.bench.peers.PeerRow;
import org.jgrad.bench.peers.PeerWorkload;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.cuda.CublasBaseline;
import org.jgrad.cuda.GemmKernel;
import org.jgrad.cuda.CudaBackend;
import org.jgrad.cuda.CudaDevice;
import org.jgrad.cuda.CudaTimer;

/**
 * Measures the GPU report's figures and writes them as JSON; {@link GpuReport} turns them into the report.
 * Two parts, each its own JVM: {@code gpu} (kernel times by CUDA events, transfers, cuBLAS, the device's copy
 * bandwidth, a training step) and {@code cpu} (the same workloads on the SIMD backend, at the thread count the
 * JVM was given with {@code -Djgrad.threads}).
 *
 * <pre>{@code
 * java ... GpuBench gpu bench/results/gpu-x        # writes gpu.json
 * java -Djgrad.threads=1 ... GpuBench cpu bench/results/gpu-x   # writes cpu-1.json
 * }</pre>
 */
public final class GpuBench {
    /** Each point is timed over about this long (after a warm-up run). */
    private static final double TARGET_MS = 200;
    private static final String USAGE = """
            usage: ./jgrad bench gpu [--quick]    (bench/run.sh runs: GpuBench gpu|cpu OUT_DIR [--quick], then GpuReport)
              the CPU-vs-GPU kernel report: matmul, elementwise add, softmax, layerNorm and a training step on the
              GPU (CUDA events) and on the SIMD backend at 1 and all threads; writes bench/results/gpu-<time>/.
              Needs an NVIDIA GPU and its driver (./jgrad doctor checks). --quick: fewer, smaller sizes.""";

    private GpuBench() {
    }

    public static void main(String[] args) throws IOException {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        if (args.length < 2 || !(args[0].equals("gpu") || args[0].equals("cpu"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args[0].equals("gpu")) {
            try {
                Backends.get(CudaBackend.NAME);
            } catch (IllegalArgumentException e) {
                System.err.println("./jgrad bench gpu: no GPU here: " + e.getMessage() + " (./jgrad doctor says more)");
                System.exit(1);
            }
        }
        boolean quick = args.length > 2 && args[2].equals("--quick");
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Map<String, Object> result = switch (args[0]) {
            case "gpu" -> gpu(quick);
            case "cpu" -> cpu(quick);
            default -> throw new IllegalArgumentException("part must be gpu or cpu, got " + args[0]);
        };
        String name = args[0].equals("gpu") ? "gpu.json" : "cpu-" + Parallel.threads() + ".json";
        Path file = dir.resolve(name);
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(result));
        System.out.println("GpuBench: wrote " + file);
    }

    /** The CPU's top clock (cpufreq's maximum, else /proc/cpuinfo's current MHz), for the peak estimate. */
    static java.util.OptionalDouble cpuMhz() {
        try {
            Path max = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
            if (Files.isReadable(max)) {
                return java.util.OptionalDouble.of(Double.parseDouble(Files.readString(max).trim()) / 1e3);
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return java.util.OptionalDouble.of(Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no clock: the report leaves the CPU peak out
        }
        return java.util.OptionalDouble.empty();
    }

    /**
     * Runs {@code run} for about half a second (at least 3 times) so that the JIT has compiled the host code
     * (our kernels are Java on the CPU side); returns the mean time of the last half of those runs, in ms.
     */
    private static double warmUp(Runnable run) {
        long start = System.nanoTime();
        java.util.List<Double> times = new ArrayList<>();
        while (times.size() < 3 || System.nanoTime() - start < 500_000_000L) {
            long t0 = System.nanoTime();
            run.run();
            times.add((System.nanoTime() - t0) / 1e6);
            if (times.size() >= 10_000) {
                break;
            }
        }
        return times.subList(times.size() / 2, times.size()).stream().mapToDouble(Double::doubleValue).average()
                .orElse(1);
    }

    /** Repetitions for about {@link #TARGET_MS}, from one timed run. */
    private static int reps(double oneRunMs) {
        return (int) Math.max(3, Math.min(2000, TARGET_MS / Math.max(oneRunMs, 1e-3)));
    }

    private static Map<String, Object> point(GpuWorkloads.Workload w, double ms) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("family", w.family());
        p.put("id", w.id());
        p.put("size", w.size());
        p.put("ms", ms);
        p.put("gflops", w.flops() / (ms * 1e-3) / 1e9);
        p.put("gbs", w.bytes() / (ms * 1e-3) / 1e9);
        return p;
    }

    private static Map<String, Object> gpu(boolean quick) {
        CudaBackend gpu = (CudaBackend) Backends.get(CudaBackend.NAME);
        CudaDevice d = gpu.device();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", d.name());
        device.put("computeCapability", d.computeCapability());
        device.put("multiprocessors", d.multiprocessors());
        device.put("clockKHz", d.clockKHz());
        device.put("memoryClockKHz", d.memoryClockKHz());
        device.put("memoryBusBits", d.memoryBusBits());
        device.put("totalMemory", d.totalMemory());
        device.put("driver", CudaDevice.versionString(d.driverVersion()));
        device.put("ptx", d.ptxVersion());
        device.put("copyGBs", CudaTimer.copyBandwidth(gpu, 1L << 30, 20));
        device.put("launchMicros", launchMicros(gpu));
        out.put("device", device);
        List<Map<String, Object>> points = new ArrayList<>();
        for (GpuWorkloads.Workload w : GpuWorkloads.all(quick)) {
            Runnable run = w.setup().apply(gpu);
            warmUp(() -> {
                run.run();
                gpu.synchronize();
            });
            double once = CudaTimer.millis(gpu, 1, run);
            Map<String, Object> p = point(w, CudaTimer.millis(gpu, reps(once), run));
            if (w.family().equals("matmul") || w.family().equals("add")) {
                p.put("transferMs", transferMs(gpu, w));
            }
            if (w.family().equals("matmul")) {
                int n = (int) w.size();
                try {
                    double c1 = CublasBaseline.sgemmMillis(gpu, n, n, n, 1);
                    p.put("cublasMs", CublasBaseline.sgemmMillis(gpu, n, n, n, reps(c1)));
                } catch (RuntimeException | LinkageError e) {
                    device.put("cublasError", e.toString().replaceAll("\\s+", " "));
                }
                Map<String, Double> kernels = gemmKernelTimes(gpu, run);
                p.put("kernelMs", kernels);
                kernels.forEach((k, ms) -> System.out.printf("gpu %-40s %10.4f ms%n", w.id() + " " + k, ms));
            }
            points.add(p);
            System.out.printf("gpu %-40s %10.4f ms%n", w.id(), (double) p.get("ms"));
        }
        points.add(trainingStep(gpu, quick));
        out.put("points", points);
        return out;
    }

    /**
     * Host time per elementwise launch queued back to back (1-element adds through the SPI, after a warm-up): the
     * floor under every small op on the GPU, and so the reason small models train faster on the CPU.
     */
    private static double launchMicros(CudaBackend gpu) {
        NDArray x = NDArray.on(gpu).of(new float[] {1}, DType.F32, 1);
        Storage out = gpu.empty(DType.F32, 1);
        Runnable add = () -> gpu.binary(BinaryOp.ADD, x.storage(), x.view(), x.storage(), x.view(), out, x.view());
        warmUp(add);
        int n = 20_000;
        gpu.synchronize();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            add.run();
        }
        gpu.synchronize();
        gpu.release(out);
        return (System.nanoTime() - t0) / 1e3 / n;
    }

    /** Each of our SGEMM kernels on one product (the point's own figure is the backend's automatic choice). */
    private static Map<String, Double> gemmKernelTimes(CudaBackend gpu, Runnable run) {
        Map<String, Double> ms = new LinkedHashMap<>();
        GemmKernel before = gpu.gemm();
        try {
            for (GemmKernel k : GemmKernel.values()) {
                if (k != GemmKernel.AUTO) {
                    gpu.useGemm(k);
                    double once = CudaTimer.millis(gpu, 1, run);
                    ms.put(k.name(), CudaTimer.millis(gpu, reps(once), run));
                }
            }
        } finally {
            gpu.useGemm(before);
        }
        return ms;
    }

    /** Host to device for the inputs and back for the result, through the backend (synchronous copies). */
    private static double transferMs(CudaBackend gpu, GpuWorkloads.Workload w) {
        long n = w.size();
        boolean matmul = w.family().equals("matmul");
        int inputs = matmul ? (int) (n * n) : (int) n;
        float[] host = new float[inputs];
        long t0 = System.nanoTime();
        NDArray a = NDArray.on(gpu).of(host, DType.F32, inputs);
        NDArray b = NDArray.on(gpu).of(host, DType.F32, inputs);
        float[] back = (float[]) a.toArray();
        double ms = (System.nanoTime() - t0) / 1e6;
        a.release();
        b.release();
        return back.length == inputs ? ms : Double.NaN;
    }

    private static Map<String, Object> trainingStep(Backend backend, boolean quick) {
        String before = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, backend.name());
        try {
            PeerWorkload w = PeerRow.GPT_TRAIN.create();
            int warm = quick ? 2 : 20;      // --quick is a smoke run of the pipeline, not a measurement
            int steps = quick ? 3 : 60;
            for (int i = 0; i < warm; i++) {
                try (MemoryScope s = MemoryScope.open()) {
                    w.step().item();
                }
            }
            long t0 = System.nanoTime();
            double last = 0;
            for (int i = 0; i < steps; i++) {
                try (MemoryScope s = MemoryScope.open()) {
                    Tensor loss = w.step();
                    if (i == steps - 1) {
                        last = loss.item();
                    }
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / steps;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("family", "train");
            p.put("id", PeerRow.GPT_TRAIN.title());
            p.put("size", 16 * 64);
            p.put("ms", ms);
            p.put("tokensPerSecond", 16 * 64 / (ms * 1e-3));
            p.put("lastLoss", last);
            System.out.printf("%s %-40s %10.4f ms/step%n", backend.name(), "gpt-train", ms);
            return p;
        } finally {
            if (before == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, before);
            }
        }
    }

    private static Map<String, Object> cpu(boolean quick) {
        Backend simd = Backends.get("simd");
        Map<String, Object> out = new LinkedHashMap<>();
        MachineInfo.Cpu cpu = MachineInfo.cpu();
        out.put("cpu", cpu.model());
        out.put("simdFlags", String.join(" ", cpu.simdFlags()));
        out.put("threads", Parallel.threads());
        cpuMhz().ifPresent(mhz -> out.put("mhz", mhz));
        List<Map<String, Object>> points = new ArrayList<>();
        for (GpuWorkloads.Workload w : GpuWorkloads.all(quick)) {
            // A single-thread 8192^3 product would take minutes: the CPU side skips a point whose one run takes
            // longer than -Dgpubench.cpuCapMs (default 5 s).
            double maxFlops = Double.parseDouble(System.getProperty("gpubench.cpuMaxFlops", "1e13"));
            if (w.flops() > maxFlops) {
                System.out.printf("cpu %-40s skipped (%.3g flops > -Dgpubench.cpuMaxFlops)%n", w.id(), w.flops());
                continue;
            }
            Runnable run = w.setup().apply(simd);
            long t0 = System.nanoTime();
            run.run();
            double once = (System.nanoTime() - t0) / 1e6;
            if (once > Integer.getInteger("gpubench.cpuCapMs", 5000)) {
                System.out.printf("cpu %-40s skipped (one run took %.0f ms)%n", w.id(), once);
                continue;
            }
            int reps = reps(warmUp(run));
            t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                run.run();
            }
            double ms = (System.nanoTime() - t0) / 1e6 / reps;
            points.add(point(w, ms));
            System.out.printf("cpu %-40s %10.4f ms%n", w.id(), ms);
        }
        points.add(trainingStep(simd, quick));
        out.put("points", points);
        return out;
    }
}
