package org.jgrad.bench.peers;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code torch_workloads.py info} reports: torch's version, the BLAS libraries the process mapped and one
 * {@code torch.mm} at n = 1024 in GFLOP/s, the check that the fast OpenMP OpenBLAS is the one in use.
 *
 * <pre>{@code
 * TorchInfo info = TorchInfo.parse(json);
 * info.warning().ifPresent(System.err::println);   // e.g. the reference BLAS was loaded
 * }</pre>
 */
public record TorchInfo(String torch, String python, int threads, List<String> blas, double mm1024Gflops,
                        String blasInfo, String cpuCapability) {
    /**
     * Below this many GFLOP/s at n = 1024 the BLAS is taken for the reference (netlib) one: that gives 1-3
     * GFLOP/s on any recent x86 core, and on one thread whatever torch asks for; OpenBLAS gives 30-100+ per
     * core. Not scaled by threads: on a loaded machine a second thread can add nothing, and the bar must not
     * cry wolf then.
     */
    public static final double SLOW_GFLOPS = 5;

    /** Reads the JSON of a {@code PEER-RESULT} info line. */
    public static TorchInfo parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        List<String> libs = new ArrayList<>();
        JsonArray a = o.getAsJsonArray("blas");
        if (a != null) {
            a.forEach(e -> libs.add(e.getAsString()));
        }
        return new TorchInfo(str(o, "torch"), str(o, "python"), o.get("threads").getAsInt(), libs,
                o.get("mm1024_gflops").getAsDouble(), str(o, "blas_info"), str(o, "cpu_capability"));
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
    }

    /** The OpenBLAS (or other BLAS) library file the process loaded, or "none found". */
    public String blasLibrary() {
        return blas.stream().filter(l -> l.contains("openblas") && !l.endsWith("liblapack.so.3")).findFirst()
                .or(() -> blas.stream().filter(l -> l.contains("blas")).findFirst()).orElse("none found");
    }

    /** A loud warning when torch.mm looks like the slow reference BLAS, or no OpenBLAS was loaded. */
    public Optional<String> warning() {
        List<String> problems = new ArrayList<>();
        if (mm1024Gflops < SLOW_GFLOPS) {
            problems.add(String.format(Locale.ROOT, "torch.mm at n=1024 runs at %.1f GFLOP/s on %d thread(s), which"
                    + " looks like the slow reference BLAS (1-3 GFLOP/s; OpenBLAS gives 30+ per core)", mm1024Gflops,
                    threads));
        }
        if (blas.stream().noneMatch(l -> l.contains("openblas"))) {
            problems.add("no OpenBLAS among the libraries torch loaded: " + blas);
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("!!!!!!!! WARNING: " + String.join("; ", problems) + ". The torch figures would be far"
                + " too low. Install libopenblas0-openmp (scripts/install-peers.sh) and point --blas-dir (or"
                + " LD_LIBRARY_PATH) at its folder, e.g. /usr/lib/x86_64-linux-gnu/openblas-openmp. !!!!!!!!");
    }
}
