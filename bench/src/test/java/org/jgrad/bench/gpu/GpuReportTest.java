package org.jgrad.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from hand-made measurements (no GPU needed): peaks from the attributes, the crossover sizes, our
 * SGEMM against cuBLAS, and the charts written as PNG files.
 */
class GpuReportTest {
    private static String point(String family, String id, long size, double ms, double gflops, double gbs, String extra) {
        return "{\"family\":\"" + family + "\",\"id\":\"" + id + "\",\"size\":" + size + ",\"ms\":" + ms + ",\"gflops\":"
                + gflops + ",\"gbs\":" + gbs + extra + "}";
    }

    @Test
    void reportHasPeaksCrossoversAndCharts(@TempDir Path dir) throws Exception {
        // A device with 100 SMs at 1 GHz, cc 9.0 (128 lanes): 25.6 TFLOP/s peak; 4096-bit bus at 1 GHz: 1024 GB/s.
        String device = "{\"name\":\"Test GPU\",\"computeCapability\":\"9.0\",\"multiprocessors\":100,\"clockKHz\":1000000,"
                + "\"memoryClockKHz\":1000000,\"memoryBusBits\":4096,\"totalMemory\":1,\"driver\":\"13.0\",\"ptx\":\"9.0\","
                + "\"copyGBs\":800.0}";
        // matmul n=64: GPU 1 ms (slower than the CPU's 0.5 ms); n=128: GPU 0.1 ms + 1 ms transfer vs CPU 2 ms.
        String gpu = "{\"device\":" + device + ",\"points\":["
                + point("matmul", "matmul-64", 64, 1.0, 0.5, 0, ",\"transferMs\":0.1,\"cublasMs\":0.5") + ","
                + point("matmul", "matmul-128", 128, 0.1, 41.9, 0, ",\"transferMs\":1.0,\"cublasMs\":0.05") + ","
                + point("add", "add-1024", 1024, 0.01, 0.1, 1.2, ",\"transferMs\":0.02") + ","
                + point("add", "add-4096", 4096, 0.01, 0.4, 4.9, ",\"transferMs\":0.05") + "]}";
        String cpu = "{\"cpu\":\"Test CPU\",\"simdFlags\":\"avx2 fma\",\"threads\":2,\"mhz\":2000.0,\"points\":["
                + point("matmul", "matmul-64", 64, 0.5, 1, 0, "") + ","
                + point("matmul", "matmul-128", 128, 2.0, 2, 0, "") + ","
                + point("add", "add-1024", 1024, 0.001, 1, 12, "") + ","
                + point("add", "add-4096", 4096, 0.02, 1, 2.5, "") + "]}";
        Files.writeString(dir.resolve("gpu.json"), gpu);
        Files.writeString(dir.resolve("cpu-2.json"), cpu);
        GpuReport.main(new String[] {dir.toString()});
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("float32 25600 GFLOP/s"), md);
        assertTrue(md.contains("memory 1024 GB/s"), md);
        assertTrue(md.contains("from n = 128 counting the kernel alone, from n = 128 counting the transfers"), md);
        assertTrue(md.contains("| 128 | 0.100 | 41.90 | 0.164% |"), md);
        assertTrue(md.contains("the GPU add is faster from 4096 elements (kernel alone); with transfers, never"), md);
        assertTrue(md.contains("| 64 | 1.00 | 0.500 | 0.00195% | 1.05 | 47.68% |"), md);
        for (String png : new String[] {"matmul.png", "add.png"}) {
            byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertEquals((byte) 0x89, bytes[0], png + " is not a PNG");
            assertEquals('P', bytes[1]);
        }
    }
}
