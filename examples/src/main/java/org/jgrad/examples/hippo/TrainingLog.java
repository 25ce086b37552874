package org.jgrad.examples.hippo;

import com.google.gson.Gson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learning mode's log: one JSON object per line ({@code logs/training_YYYYMMDD_HHMMSS.jsonl}) for
 * {@code epoch_start}, {@code mini_batch} (every 100 mini-batches: each layer's weight and bias gradient mean and
 * max |g|), {@code epoch_end} (test accuracy as a count and a percent, the test cost, the epoch's seconds, each
 * layer's weight mean/std/min/max and a 20-bin histogram over [min, max]) and {@code training_complete}. {@link TrainingLogPlots} draws it.
 *
 * <pre>{@code
 * try (TrainingLog log = TrainingLog.create(Path.of("logs"))) {
 *     new HippoTrainer(...).run(log);
 * }
 * }</pre>
 */
public final class TrainingLog implements HippoTrainer.Listener, AutoCloseable {
    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create();
    private final Path file;
    private final BufferedWriter out;

    private TrainingLog(Path file) throws IOException {
        this.file = file;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** A new log file in {@code folder} (created if missing), named by the local time. */
    public static TrainingLog create(Path folder) throws IOException {
        Files.createDirectories(folder);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        return new TrainingLog(folder.resolve("training_" + stamp + ".jsonl"));
    }

    public Path file() {
        return file;
    }

    private void write(Map<String, Object> event) {
        try {
            out.write(GSON.toJson(event));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log " + file, e);
        }
    }

    private static Map<String, Object> event(String name) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event", name);
        e.put("time", LocalDateTime.now().toString());
        return e;
    }

    @Override
    public void epochStart(int epoch, int totalEpochs) {
        Map<String, Object> e = event("epoch_start");
        e.put("epoch", epoch);
        e.put("total_epochs", totalEpochs);
        write(e);
    }

    /** Mini-batches per epoch, as the trainer last reported (known once the first batch is done). */
    private int batchesPerEpoch;

    @Override
    public void batchDone(int epoch, int done, int batches) {
        batchesPerEpoch = batches;
    }

    @Override
    public void miniBatch(int epoch, int index, int size, List<HippoTrainer.Stats> weightGrads,
                          List<HippoTrainer.Stats> biasGrads) {
        Map<String, Object> e = event("mini_batch");
        e.put("epoch", epoch);
        e.put("batch_index", index);
        e.put("batch_size", size);
        // Counted from the start of training, for plots over all epochs (epoch 1 needs no count per epoch).
        e.put("step", (epoch - 1) * batchesPerEpoch + index);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 0; l < weightGrads.size(); l++) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("layer", l + 1);
            layer.put("weight_grad_mean", weightGrads.get(l).mean());
            layer.put("weight_grad_max", weightGrads.get(l).maxAbs());
            layer.put("bias_grad_mean", biasGrads.get(l).mean());
            layer.put("bias_grad_max", biasGrads.get(l).maxAbs());
            layers.add(layer);
        }
        e.put("layers", layers);
        write(e);
    }

    @Override
    public void epochEnd(HippoTrainer.EpochResult r, List<HippoTrainer.Stats> weights) {
        Map<String, Object> e = event("epoch_end");
        e.put("epoch", r.epoch());
        e.put("test_correct", r.correct());
        e.put("test_total", r.total());
        e.put("accuracy_percent", r.total() == 0 ? null : r.percent());
        e.put("test_cost", r.total() == 0 ? null : r.cost());
        e.put("duration_seconds", r.seconds());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            HippoTrainer.Stats s = weights.get(l);
            layers.add(Map.of("layer", l + 1, "mean", s.mean(), "std", s.std(), "min", s.min(), "max", s.max(),
                    "histogram", s.histogram()));
        }
        e.put("weights", layers);
        write(e);
    }

    @Override
    public void complete(HippoTrainer.EpochResult last, double seconds) {
        Map<String, Object> e = event("training_complete");
        e.put("total_seconds", seconds);
        e.put("final_correct", last == null ? null : last.correct());
        e.put("final_accuracy_percent", last == null || last.total() == 0 ? null : last.percent());
        write(e);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
