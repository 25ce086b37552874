package org.jgrad.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Not a benchmark: every jgrad workload builds, runs two steps through the harness and gives a finite value. */
class PeerWorkloadsSmokeTest {
    @ParameterizedTest
    @EnumSource(PeerRow.class)
    void twoStepsGiveAFiniteResult(PeerRow row) {
        PeerResult r = PeerWorker.run(row, new Protocol(0, 1, 60, 2));   // one sample, capped at 2 steps
        assertEquals(2, r.steps());
        assertTrue(r.check() instanceof Double d && Double.isFinite(d), row.id() + ": " + r.check());
        assertTrue(r.median() > 0 && Double.isFinite(r.median()), row.id() + ": median " + r.median());
        assertEquals(row.metric().unit(), r.unit());
    }

    @Test
    void trainingStepsLowerTheLossOnARepeatedBatch() {
        // Guards against a workload whose optimizer is not wired to its model (it would time a no-op update).
        // The pool cycles through 16 batches; a training step on each of them makes the losses on the next
        // pass, batch for batch, lower on average: any working optimizer does this within a few passes.
        for (PeerRow row : List.of(PeerRow.MLP784_B10, PeerRow.MLP5000_TRAIN, PeerRow.RECOMMENDER_TRAIN,
                PeerRow.CNN_TRAIN)) {
            PeerWorkload w = row.create();
            double first = 0;
            double later = 0;
            for (int pass = 0; pass < 4; pass++) {
                for (int b = 0; b < PeerData.POOL_BATCHES; b++) {
                    double loss = w.step().item();
                    if (pass == 0) {
                        first += loss;
                    } else if (pass == 3) {
                        later += loss;
                    }
                }
            }
            assertTrue(later < first, row.id() + ": loss sum went from " + first + " to " + later);
        }
    }

    @Test
    void theTorchScriptHasExactlyTheSameWorkloadIds() throws IOException {
        String py = Files.readString(Path.of("peers", "torch_workloads.py"));
        int start = py.indexOf("WORKLOADS = {");
        String block = py.substring(start, py.indexOf("}", start));
        Matcher m = Pattern.compile("\"([a-z0-9-]+)\":").matcher(block);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(Arrays.stream(PeerRow.values()).map(PeerRow::id).toList(), ids);
    }
}
