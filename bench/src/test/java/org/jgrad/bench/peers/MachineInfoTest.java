package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineInfoTest {
    @Test
    void modelAndSimdFlagsComeFromLscpu() {
        String lscpu = """
                Architecture:                            x86_64
                CPU(s):                                  2
                Model name:                              AMD EPYC 9R45
                Flags:                                   fpu sse4_2 avx512f avx avx2 fma avx512_vnni
                """;
        MachineInfo.Cpu cpu = MachineInfo.parseLscpu(lscpu);
        assertEquals("AMD EPYC 9R45", cpu.model());
        // in the order of MachineInfo.SIMD_FLAGS, only those named there
        assertEquals(List.of("sse4_2", "avx", "avx2", "fma", "avx512f"), List.copyOf(cpu.simdFlags()));
    }

    @Test
    void missingLinesGiveUnknown() {
        MachineInfo.Cpu cpu = MachineInfo.parseLscpu("Architecture: aarch64\n");
        assertEquals("unknown", cpu.model());
        assertEquals(0, cpu.simdFlags().size());
    }
}
