package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private static PeerResult result(String side, String unit, boolean latency, double median) {
        return new PeerResult(side, "w", 1, unit, latency, new double[] {median}, median, 10, 0.5,
                side.equals("jgrad") ? 0.25 : null, side.equals("jgrad") ? 2_500_000.0 : null,
                side.equals("jgrad") ? 0.1 : null, null, null, null);
    }

    @Test
    void throughputRatioIsJgradOverTorch() {
        // jgrad does 150 steps/s, torch 100: jgrad is 1.5x as fast
        assertEquals(1.5, PeerTable.speedRatio(result("torch", "steps/s", false, 100),
                result("jgrad", "steps/s", false, 150)), 1e-12);
    }

    @Test
    void latencyRatioIsTorchLatencyOverJgradLatencySoAboveOneStillMeansJgradFaster() {
        // the example: torch 77 us, jgrad 550 us -> jgrad is 550/77 = 7.14x slower, speed ratio 0.14
        double r = PeerTable.speedRatio(result("torch", "us", true, 77), result("jgrad", "us", true, 550));
        assertEquals(77.0 / 550.0, r, 1e-12);
    }

    @Test
    void sidesThatMeasuredDifferentUnitsAreNotCompared() {
        assertThrows(IllegalArgumentException.class, () -> PeerTable.speedRatio(result("torch", "steps/s", false, 1),
                result("jgrad", "tokens/s", false, 1)));
    }

    @Test
    void theTableShowsMediansRatioWarmupAllocationAndFailures() {
        String md = PeerTable.markdown(List.of(
                new PeerTable.Entry(PeerRow.MLP5000_INFER_B1, 2, Outcome.of(result("torch", "us", true, 77)),
                        Outcome.of(result("jgrad", "us", true, 550))),
                new PeerTable.Entry(PeerRow.GPT_TRAIN, 1, Outcome.failed("exit 1: boom"),
                        Outcome.of(result("jgrad", "tokens/s", false, 5000)))));
        String[] lines = md.split("\n");
        assertEquals(4, lines.length, md);
        assertTrue(lines[0].contains(">1: jgrad faster"), lines[0]);
        assertEquals("| inference of the 5000-wide MLP, batch 1, p50 latency `mlp5000-infer-b1` | 2 | 77.0 us p50"
                + " | 550 us p50 | **0.140** (latency jgrad/torch 7.14) | 0.25 s | 2.50 MB | 10% |", lines[2]);
        assertTrue(lines[3].contains("failed: exit 1: boom") && lines[3].contains("| n/a |"), lines[3]);
    }

    @Test
    void numbersKeepAboutThreeSignificantDigits() {
        assertEquals("1234", PeerTable.number(1234.4));
        assertEquals("12.3", PeerTable.number(12.34));
        assertEquals("1.23", PeerTable.number(1.234));
        assertEquals("0.123", PeerTable.number(0.1234));
        assertEquals("not reached", PeerTable.seconds(null));
        assertEquals("950 B", PeerTable.bytes(950.0));
        assertEquals("1.50 GB", PeerTable.bytes(1.5e9));
    }
}
