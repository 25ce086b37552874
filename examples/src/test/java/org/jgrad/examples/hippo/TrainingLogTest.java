package org.jgrad.examples.hippo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** The learning-mode log has every event the issue lists, with its fields, in both forms, and its reader draws it. */
class TrainingLogTest {
    @ParameterizedTest
    @EnumSource(HippoTrainer.Form.class)
    void logHoldsEveryEventAndPlotsAreDrawn(HippoTrainer.Form form, @TempDir Path dir) throws Exception {
        MnistSource.Data data = MnistSource.parse("drawn").load(2000, 300, 5);
        Path file;
        try (TrainingLog log = TrainingLog.create(dir)) {
            new HippoTrainer(data, 2, 10, 3.0, form, 1).run(log);
            file = log.file();
        }
        assertTrue(file.getFileName().toString().matches("training_\\d{8}_\\d{6}\\.jsonl"), file.toString());
        List<JsonObject> events = TrainingLogPlots.read(file);
        List<String> names = events.stream().map(e -> e.get("event").getAsString()).toList();
        // 200 mini-batches per epoch: batches 0 and 100 are logged.
        assertEquals(List.of("epoch_start", "mini_batch", "mini_batch", "epoch_end", "epoch_start", "mini_batch",
                "mini_batch", "epoch_end", "training_complete"), names);
        JsonObject batch = events.get(2);
        assertEquals(100, batch.get("batch_index").getAsInt());
        assertEquals(10, batch.get("batch_size").getAsInt());
        assertEquals(100, batch.get("step").getAsInt());
        assertEquals(200, events.get(5).get("step").getAsInt(), "epoch 2's first batch comes after epoch 1's 200");
        JsonObject layer1 = batch.getAsJsonArray("layers").get(0).getAsJsonObject();
        assertTrue(layer1.get("weight_grad_max").getAsDouble() >= Math.abs(layer1.get("weight_grad_mean").getAsDouble()));
        JsonObject end = events.get(7);
        assertEquals(300, end.get("test_total").getAsInt());
        assertEquals(100.0 * end.get("test_correct").getAsInt() / 300, end.get("accuracy_percent").getAsDouble(), 1e-9);
        assertEquals(2, end.getAsJsonArray("weights").size());
        JsonObject w = end.getAsJsonArray("weights").get(0).getAsJsonObject();
        assertTrue(w.get("min").getAsDouble() <= w.get("mean").getAsDouble()
                && w.get("mean").getAsDouble() <= w.get("max").getAsDouble());
        int counted = 0;
        for (var c : w.getAsJsonArray("histogram")) {
            counted += c.getAsInt();
        }
        assertEquals(784 * 30, counted, "the histogram counts every weight of layer 1");
        assertTrue(end.get("test_cost").getAsDouble() > 0);
        assertTrue(events.get(8).get("total_seconds").getAsDouble() > 0);
        List<Path> pngs = TrainingLogPlots.draw(file);
        assertEquals(5, pngs.size(), "accuracy, gradients, weights, cost, histograms");
        for (Path png : pngs) {
            byte[] b = Files.readAllBytes(png);
            assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png + " is not a PNG");
        }
    }
}
