package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchInfoTest {
    private static final String OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so";

    private static TorchInfo info(double gflops, int threads, String lib) {
        return TorchInfo.parse("{\"torch\": \"1.13.0a0\", \"python\": \"3.11.2\", \"threads\": " + threads
                + ", \"blas\": [\"" + lib + "\", \"/usr/lib/x86_64-linux-gnu/libgomp.so.1.0.0\"], \"mm1024_gflops\": "
                + gflops + ", \"blas_info\": \"generic\", \"cpu_capability\": \"AVX2\"}");
    }

    @Test
    void fastOpenblasGivesNoWarning() {
        TorchInfo i = info(70, 1, OPENBLAS);
        assertTrue(i.warning().isEmpty(), i.warning().toString());
        assertEquals(OPENBLAS, i.blasLibrary());
        assertEquals("AVX2", i.cpuCapability());
    }

    @Test
    void referenceBlasSpeedIsWarnedAboutLoudly() {
        // netlib's reference BLAS: ~2 GFLOP/s
        String w = info(2.1, 1, OPENBLAS).warning().orElseThrow();
        assertTrue(w.startsWith("!!!!!!!! WARNING") && w.contains("reference BLAS"), w);
    }

    @Test
    void theBarIsFiveGflopsWhateverTheThreadCount() {
        // the reference BLAS is single-threaded: 2 threads do not lift it; a loaded OpenBLAS may give little more
        // on 2 threads than on 1, which must not be taken for the reference
        assertTrue(info(6, 2, OPENBLAS).warning().isEmpty());
        assertTrue(info(4.9, 2, OPENBLAS).warning().isPresent());
    }

    @Test
    void aMissingOpenblasIsWarnedAboutEvenWhenFast() {
        String w = info(80, 1, "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0").warning().orElseThrow();
        assertTrue(w.contains("no OpenBLAS"), w);
    }
}
