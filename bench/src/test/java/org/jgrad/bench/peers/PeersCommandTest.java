package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeersCommandTest {
    @Test
    void workersInheritDashDAndDashXOptionsButNotTheThreadCount() {
        List<String> in = List.of("--add-modules", "jdk.incubator.vector", "-Djgrad.simd.width=256",
                "-Djgrad.threads=4", "-Xmx4g", "-XX:+UseParallelGC", "-javaagent:x.jar");
        assertEquals(List.of("-Djgrad.simd.width=256", "-Xmx4g", "-XX:+UseParallelGC"),
                PeersCommand.forwardedOptions(in));
    }

    @Test
    void theRowThreadCountComesLastSoItWins() {
        List<String> opts = PeersCommand.workerJvmOptions(2);
        assertEquals("-Djgrad.threads=2", opts.get(opts.size() - 1));
        assertEquals(PeersCommand.WORKER_JVM_OPTIONS, opts.subList(0, PeersCommand.WORKER_JVM_OPTIONS.size()));
    }

    @Test
    void torchGetsItsThreadCountThroughTheEnvironmentAndTheBlasFolderFirst() {
        Map<String, String> env = PeersCommand.torchEnv(2, Path.of("/opt/blas"));
        assertEquals("2", env.get("OMP_NUM_THREADS"));
        assertEquals("2", env.get("OPENBLAS_NUM_THREADS"));
        assertEquals("/opt/blas", env.get("LD_LIBRARY_PATH").split(":")[0]);
    }
}
