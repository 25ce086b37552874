package org.jgrad.bench.peers;

import com.google.gson.Gson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./jgrad bench peers}: the side-by-side comparison with PyTorch of issue 8. Every configuration
 * (workload x side x thread count) runs in its own process, torch and jgrad alternating row by row, each by the
 * same {@link Protocol}; the medians and their ratio go into one markdown table, printed and written to a file.
 *
 * <pre>
 * ./jgrad bench peers                          # all rows, 1 and 2 threads (about 8 minutes)
 * ./jgrad bench peers --quick                  # a few rows, 1 thread, short samples (under a minute)
 * ./jgrad bench peers --rows gpt-train,matmul-512 --threads 1,2,4 --samples 11
 * </pre>
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Time the same workloads on PyTorch (CPU, OpenMP OpenBLAS) and on jgrad, each configuration in"
                + " its own process, and print one markdown table of medians and ratios (jgrad speed / torch speed:"
                + " above 1 means jgrad is faster).")
public final class PeersCommand implements Callable<Integer> {
    @Option(names = "--rows", split = ",", paramLabel = "ID",
            description = "workload ids, comma-separated (default: all; --list shows them)")
    List<String> rows;
    @Option(names = "--threads", split = ",", paramLabel = "N",
            description = "thread counts, comma-separated (default 1,2; --quick: 1)")
    List<Integer> threads;
    @Option(names = "--warmup", paramLabel = "SECONDS", description = "warm-up seconds (default 1.0; --quick 1.0)")
    Double warmup;
    @Option(names = "--samples", paramLabel = "N", description = "samples per configuration (default 7; --quick 3)")
    Integer samples;
    @Option(names = "--sample-time", paramLabel = "SECONDS",
            description = "seconds per sample, at least one step (default 0.4; --quick 0.2)")
    Double sampleTime;
    @Option(names = "--quick", description = "rows " + "mlp784-b10, mlp5000-infer-b1, matmul-256, add-inplace-16m"
            + " at 1 thread with short samples: under a minute")
    boolean quick;
    @Option(names = "--out", paramLabel = "FILE", description = "where the table goes too (default"
            + " bench/results/peers-<UTC time>.md; with --quick bench/target/results/...)")
    Path out;
    @Option(names = "--python", paramLabel = "PATH", description = "the Python with torch (default ${DEFAULT-VALUE})")
    String python = "/usr/bin/python3";
    @Option(names = "--script", paramLabel = "PATH", description = "the torch side (default ${DEFAULT-VALUE})")
    Path script = Path.of("bench", "peers", "torch_workloads.py");
    @Option(names = "--blas-dir", paramLabel = "DIR", description = "folder of the OpenMP OpenBLAS put first on"
            + " torch's LD_LIBRARY_PATH (default: found under /usr/lib/*/openblas-openmp)")
    Path blasDir;
    @Option(names = "--list", description = "list the workload ids and exit")
    boolean list;

    /** JVM options of every jgrad worker; options given to this JVM (JGRAD_OPTS, -D/-X) come after them. */
    static final List<String> WORKER_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector",
            "-XX:+UseParallelGC", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch");

    /** Seconds a worker may run before it is stopped. */
    static final long WORKER_TIMEOUT_S = 600;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PeersCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (list) {
            for (PeerRow r : PeerRow.values()) {
                System.out.printf("%-20s %s%n", r.id(), r.title());
            }
            return 0;
        }
        List<PeerRow> chosen;
        try {
            chosen = rows == null ? (quick ? PeerRow.QUICK : List.of(PeerRow.values()))
                    : rows.stream().map(String::trim).map(PeerRow::byId).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--rows: " + e.getMessage());
        }
        List<Integer> threadCounts = threads == null ? (quick ? List.of(1) : List.of(1, 2)) : threads;
        for (int t : threadCounts) {
            if (t < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--threads: counts must be >= 1, got "
                        + t);
            }
        }
        Protocol base = quick ? Protocol.QUICK : Protocol.DEFAULT;
        Protocol protocol = new Protocol(warmup != null ? warmup : base.warmupSeconds(),
                samples != null ? samples : base.samples(), sampleTime != null ? sampleTime : base.sampleSeconds(), 0);
        if (!Files.isRegularFile(script)) {
            System.err.println("peers: the torch script " + script + " is missing (run from the repository root)");
            return 2;
        }
        Path blas = blasDir != null ? blasDir : findOpenmpBlas().orElse(null);
        if (blasDir != null && !Files.isDirectory(blasDir)) {
            System.err.println("peers: --blas-dir " + blasDir + " is not a folder");
            return 2;
        }

        String loadBefore = MachineInfo.loadAverage();
        List<String> header = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<Integer, TorchInfo> torchInfo = new LinkedHashMap<>();
        for (int t : threadCounts) {
            ChildProcess.Run run = ChildProcess.run(List.of(python, script.toString(), "info", "--threads",
                    Integer.toString(t)), torchEnv(t, blas), 300);
            if (run.failure() != null) {
                System.err.println("peers: torch does not run: " + run.failure() + "\n  Install it with"
                        + " scripts/install-peers.sh (Debian's python3-torch, python3-numpy, libopenblas0-openmp) and"
                        + " check --python (" + python + ")");
                run.lines().forEach(l -> System.err.println("  | " + l));
                return 3;
            }
            TorchInfo info = TorchInfo.parse(run.resultJson());
            torchInfo.put(t, info);
            info.warning().ifPresent(w -> {
                warnings.add(w);
                System.err.println(w);
            });
        }

        List<PeerTable.Entry> entries = new ArrayList<>();
        int total = chosen.size() * threadCounts.size();
        int done = 0;
        for (PeerRow row : chosen) {
            for (int t : threadCounts) {
                Outcome torch = runTorch(row, t, protocol, blas);
                Outcome jgrad = runJgrad(row, t, protocol);
                entries.add(new PeerTable.Entry(row, t, torch, jgrad));
                done++;
                System.err.printf("[%d/%d] %-20s %d thread(s): torch %s, jgrad %s%n", done, total, row.id(), t,
                        PeerTable.cell(torch), PeerTable.cell(jgrad));
            }
        }

        String now = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        MachineInfo.Cpu cpu = MachineInfo.cpu();
        header.add("# jgrad vs PyTorch on the CPU, " + now + " UTC");
        header.add("");
        header.add("- CPU: " + cpu.model() + " (lscpu), " + Runtime.getRuntime().availableProcessors()
                + " CPUs; SIMD flags: " + String.join(" ", cpu.simdFlags()));
        header.add("- load average (1/5/15 min) before: " + loadBefore + ", after: " + MachineInfo.loadAverage());
        TorchInfo first = torchInfo.values().iterator().next();
        StringBuilder mm = new StringBuilder();
        torchInfo.forEach((t, i) -> mm.append(mm.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%.1f GFLOP/s at %d thread(s)", i.mm1024Gflops(), t)));
        header.add("- torch " + first.torch() + " (python " + first.python() + ", " + python + "), CPU capability "
                + first.cpuCapability() + ", BLAS_INFO=" + first.blasInfo() + "; BLAS library: " + first.blasLibrary()
                + (blas != null ? " (LD_LIBRARY_PATH=" + blas + ")" : "") + "; torch.mm n=1024: " + mm);
        Optional<PeerResult> anyJgrad = entries.stream().map(PeerTable.Entry::jgrad).filter(Outcome::ok)
                .map(Outcome::result).findFirst();
        header.add("- java " + anyJgrad.map(PeerResult::javaVersion).orElse(Runtime.version().toString()) + "; jgrad backend "
                + anyJgrad.map(PeerResult::backend).orElse("?") + ", SIMD width "
                + anyJgrad.map(PeerResult::simd).orElse("?") + "; worker JVM options: "
                + String.join(" ", workerJvmOptions(0).subList(0, workerJvmOptions(0).size() - 1))
                + " -Djgrad.threads=<row's>");
        header.add(String.format(Locale.ROOT, "- protocol: each configuration (workload x side x threads) in its own"
                + " process, torch then jgrad per row; %.1f s warm-up, then %d samples of >= %.2f s; medians."
                + " Threads: torch.set_num_threads + OMP/OPENBLAS/MKL_NUM_THREADS; jgrad -Djgrad.threads."
                + (workerJvmOptions(0).contains("-D" + Sampler.SCOPED_PROPERTY + "=false")
                        ? " jgrad steps run bare (no MemoryScope)."
                        : " Each jgrad step runs in a MemoryScope (-D" + Sampler.SCOPED_PROPERTY + "=false: bare)."),
                protocol.warmupSeconds(), protocol.samples(), protocol.sampleSeconds()));
        header.add("- ratio = jgrad speed / torch speed: **above 1 means jgrad is faster**. For the latency row"
                + " (p50, lower is better) it is torch latency / jgrad latency; the latency ratio jgrad/torch is"
                + " given in brackets.");
        header.add("- jgrad warm-up: seconds from the first step until jgrad first runs at >= 90% of its steady"
                + " (median) speed, over two consecutive windows of >= 50 ms. alloc/step: bytes allocated by all JVM"
                + " threads per step (per training step for training rows) over the samples, after warm-up"
                + " (ThreadMXBean.getTotalThreadAllocatedBytes). GC: share of the sample time in GC.");
        header.add("- same seeds on both sides; the data has the same distributions, not the same bits.");
        warnings.forEach(w -> header.add("- " + w));
        header.add("");
        String report = String.join("\n", header) + "\n" + PeerTable.markdown(entries);
        System.out.println(report);
        Path file = out != null ? out : defaultOut();
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, report);
        System.err.println("peers: table written to " + file);
        return entries.stream().allMatch(e -> e.torch().ok() && e.jgrad().ok()) ? 0 : 1;
    }

    private Path defaultOut() {
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        return quick ? Path.of("bench", "target", "results", "peers-quick-" + stamp + ".md")
                : Path.of("bench", "results", "peers-" + stamp + ".md");
    }

    private Outcome runTorch(PeerRow row, int threads, Protocol p, Path blas) {
        List<String> cmd = List.of(python, script.toString(), "run", "--workload", row.id(), "--threads",
                Integer.toString(threads), "--warmup", Double.toString(p.warmupSeconds()), "--samples",
                Integer.toString(p.samples()), "--sample-time", Double.toString(p.sampleSeconds()));
        return outcome(ChildProcess.run(cmd, torchEnv(threads, blas), WORKER_TIMEOUT_S));
    }

    private Outcome runJgrad(PeerRow row, int threads, Protocol p) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(workerJvmOptions(threads));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerWorker.class.getName(), row.id(),
                Double.toString(p.warmupSeconds()), Integer.toString(p.samples()), Double.toString(p.sampleSeconds())));
        return outcome(ChildProcess.run(cmd, Map.of(), WORKER_TIMEOUT_S));
    }

    private static Outcome outcome(ChildProcess.Run run) {
        if (run.failure() != null) {
            return Outcome.failed(run.failure());
        }
        return Outcome.of(new Gson().fromJson(run.resultJson(), PeerResult.class));
    }

    /**
     * The worker's JVM options: the defaults, then the -D and -X options this JVM was started with (so
     * {@code JGRAD_OPTS} and {@code ./jgrad -D... bench peers} reach the workers, and a user's -Xmx wins), then
     * the row's thread count, which overrides any {@code jgrad.threads} given.
     */
    static List<String> workerJvmOptions(int threads) {
        List<String> opts = new ArrayList<>(WORKER_JVM_OPTIONS);
        opts.addAll(forwardedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        opts.add("-Djgrad.threads=" + threads);
        return opts;
    }

    /** Of a JVM's input arguments, those a worker inherits: -D (except jgrad.threads) and -X options. */
    static List<String> forwardedOptions(List<String> inputArguments) {
        return inputArguments.stream()
                .filter(a -> (a.startsWith("-D") && !a.startsWith("-Djgrad.threads=")) || a.startsWith("-X"))
                .toList();
    }

    /** Thread settings for torch and OpenBLAS (read at load time, hence the environment), and the BLAS folder. */
    static Map<String, String> torchEnv(int threads, Path blas) {
        Map<String, String> env = new LinkedHashMap<>();
        String n = Integer.toString(threads);
        env.put("OMP_NUM_THREADS", n);
        env.put("OPENBLAS_NUM_THREADS", n);
        env.put("MKL_NUM_THREADS", n);
        if (blas != null) {
            String old = System.getenv("LD_LIBRARY_PATH");
            env.put("LD_LIBRARY_PATH", blas + (old == null || old.isEmpty() ? "" : ":" + old));
        }
        return env;
    }

    /** The OpenMP OpenBLAS folder of a Debian/Ubuntu install, e.g. /usr/lib/x86_64-linux-gnu/openblas-openmp. */
    static Optional<Path> findOpenmpBlas() {
        Path lib = Path.of("/usr/lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(lib)) {
            return dirs.map(d -> d.resolve("openblas-openmp")).filter(d -> Files.isRegularFile(d.resolve("libblas.so.3")))
                    .sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
