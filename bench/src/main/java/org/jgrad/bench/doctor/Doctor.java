package org.jgrad.bench.doctor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jgrad.bench.peers.MachineInfo;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.cpu.simd.SimdWidth;
import org.jgrad.core.cpu.simd.VectorSupport;
import org.jgrad.cuda.CudaBackend;
import org.jgrad.cuda.CudaDevice;

/**
 * {@code ./jgrad doctor}: what this machine gives jgrad, one line per fact, with the fix where something is
 * off: the JDK, the Vector API and JIT, the CPU, threads, backends, and the GPU (driver, device, whether the
 * driver accepts our PTX, a tiny kernel's result). Exits 1 when the backend asked for
 * ({@code -Djgrad.backend=...} or {@code --backend NAME}) cannot work here.
 *
 * <pre>{@code
 * ./jgrad doctor
 * ./jgrad doctor --backend cuda      # exit status 1 where there is no usable GPU
 * }</pre>
 */
public final class Doctor {
    private final List<String> lines = new ArrayList<>();
    private boolean requestedFails;

    private Doctor() {
    }

    public static void main(String[] args) {
        String requested = System.getProperty(Backends.PROPERTY);
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--backend")) {
                requested = args[i + 1];
            }
        }
        Doctor d = new Doctor();
        d.run(requested);
        d.lines.forEach(System.out::println);
        System.exit(d.requestedFails ? 1 : 0);
    }

    private void line(String what, String fact, String fix) {
        lines.add(String.format("%-9s %s%s", what, fact, fix == null ? "" : "\n          fix: " + fix));
    }

    private void run(String requested) {
        int feature = Runtime.version().feature();
        line("JDK", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home"), feature < 21 ? "install a JDK 21 or newer and set JAVA_HOME" : null);
        VectorSupport.JvmFacts facts = VectorSupport.JvmFacts.current();
        List<String> problems = VectorSupport.problems(facts);
        line("SIMD", (facts.vectorModulePresent() ? "Vector API present, " + SimdWidth.describe() : "Vector API missing")
                + (problems.isEmpty() ? "; C2 JIT on" : ""), problems.isEmpty() ? null : String.join("; ", problems));
        MachineInfo.Cpu cpu = MachineInfo.cpu();
        line("CPU", cpu.model() + "; SIMD flags " + String.join(" ", cpu.simdFlags()), null);
        line("threads", Parallel.threads() + " (jgrad.threads; " + Runtime.getRuntime().availableProcessors()
                + " CPUs available)", null);
        line("backends", "default " + Backends.defaultBackend().name() + "; available " + Backends.names(), null);
        cuda();
        if (requested != null && !requested.isBlank()) {
            try {
                Backend b = Backends.get(requested.trim());
                line("requested", b.name() + " works here", null);
            } catch (IllegalArgumentException e) {
                requestedFails = true;
                line("requested", e.getMessage(), "see the lines above");
            }
        }
    }

    private void cuda() {
        Optional<Backend> found = Backends.find(CudaBackend.NAME);
        if (found.isEmpty()) {
            String why;
            try {
                Backends.get(CudaBackend.NAME);
                why = "unavailable";
            } catch (IllegalArgumentException e) {
                why = e.getMessage();
            }
            line("CUDA", "no GPU backend: " + why, "for the GPU: an NVIDIA GPU and its driver (libcuda.so.1, CUDA "
                    + "13 or newer for our PTX ISA 9.0); the CPU backends do not need it");
            return;
        }
        CudaBackend gpu = (CudaBackend) found.get();
        CudaDevice d = gpu.device();
        String accepts = maxPtxIsa(d.driverVersion());
        boolean ptxOk = compareVersions(d.ptxVersion(), accepts) <= 0;
        line("CUDA", "driver " + CudaDevice.versionString(d.driverVersion()) + "; device " + d.ordinal() + ": " + d.name()
                + ", " + (d.totalMemory() >> 20) + " MiB, compute capability " + d.computeCapability() + ", "
                + d.multiprocessors() + " SMs", null);
        line("PTX", "our kernels: ISA " + d.ptxVersion() + "; this driver accepts up to " + accepts,
                ptxOk ? null : "update the NVIDIA driver to one for CUDA 13 or newer");
        NDArray a = NDArray.on(gpu).of(new float[] {1, 2, 3}, DType.F32, 3);
        NDArray b = NDArray.on(gpu).of(new float[] {10, 20, 30}, DType.F32, 3);
        float[] sum = (float[]) a.add(b).toArray();
        boolean right = Arrays.equals(sum, new float[] {11, 22, 33});
        line("kernel", "[1, 2, 3] + [10, 20, 30] on the GPU = " + Arrays.toString(sum) + (right ? " (right)" : " (WRONG)"),
                right ? null : "report this: the GPU computed a wrong sum");
        if (!right) {
            requestedFails = true;
        }
    }

    /** The newest PTX ISA a driver of this CUDA version loads (NVIDIA's PTX ISA release notes). */
    static String maxPtxIsa(int driverVersion) {
        int major = driverVersion / 1000;
        int minor = driverVersion % 1000 / 10;
        if (major >= 13) {
            return "9." + minor;
        }
        if (major == 12) {
            return switch (minor) {
                case 0, 1, 2, 3, 4, 5 -> "8." + minor;
                case 6 -> "8.5";
                case 8 -> "8.7";
                default -> "8.8";
            };
        }
        return major == 11 ? "7." + Math.min(minor, 8) : "6.0";
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
