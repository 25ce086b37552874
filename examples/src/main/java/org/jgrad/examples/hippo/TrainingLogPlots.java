package org.jgrad.examples.hippo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Reads a {@link TrainingLog} and draws it as PNGs beside it: test accuracy and test cost per epoch, each layer's
 * largest weight gradient over the mini-batches (log scale: where the sigmoid saturates and learning slows shows
 * here), each layer's weight spread per epoch, and the weight histograms after the last epoch.
 *
 * <pre>{@code
 * List<Path> pngs = TrainingLogPlots.draw(Path.of("logs/training_20261204_191800.jsonl"));
 * }</pre>
 */
public final class TrainingLogPlots {
    private TrainingLogPlots() {
    }

    /** The log's events, in order. */
    static List<JsonObject> read(Path log) throws IOException {
        List<JsonObject> events = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(log)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            try {
                events.add(JsonParser.parseString(text).getAsJsonObject());
            } catch (RuntimeException e) {
                throw new IOException(log + ", line " + line + ": not a JSON object (" + e.getMessage() + ")", e);
            }
        }
        return events;
    }

    /** Draws the charts; returns the PNG files written. */
    public static List<Path> draw(Path log) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<JsonObject> events = read(log);
        XYSeries accuracy = new XYSeries("test accuracy %");
        XYSeries cost = new XYSeries("test cost");
        JsonArray lastWeights = null;
        Map<Integer, XYSeries> gradMax = new LinkedHashMap<>();
        Map<Integer, XYSeries> weightStd = new LinkedHashMap<>();
        for (JsonObject e : events) {
            switch (e.get("event").getAsString()) {
                case "mini_batch" -> {
                    int step = e.get("step").getAsInt();
                    for (JsonElement l : e.getAsJsonArray("layers")) {
                        JsonObject layer = l.getAsJsonObject();
                        int n = layer.get("layer").getAsInt();
                        double g = layer.get("weight_grad_max").getAsDouble();
                        if (g > 0) {
                            gradMax.computeIfAbsent(n, k -> new XYSeries("layer " + k + " max |dC/dw|"))
                                    .add(step, g);
                        }
                    }
                }
                case "epoch_end" -> {
                    int epoch = e.get("epoch").getAsInt();
                    if (e.has("accuracy_percent") && !e.get("accuracy_percent").isJsonNull()) {
                        accuracy.add(epoch, e.get("accuracy_percent").getAsDouble());
                    }
                    if (e.has("test_cost") && !e.get("test_cost").isJsonNull()) {
                        cost.add(epoch, e.get("test_cost").getAsDouble());
                    }
                    JsonArray weights = e.getAsJsonArray("weights");
                    lastWeights = weights;
                    for (JsonElement l : weights) {
                        JsonObject layer = l.getAsJsonObject();
                        int n = layer.get("layer").getAsInt();
                        weightStd.computeIfAbsent(n, k -> new XYSeries("layer " + k + " weight std"))
                                .add(epoch, layer.get("std").getAsDouble());
                    }
                }
                default -> { }
            }
        }
        String stem = log.getFileName().toString().replaceFirst("\\.jsonl$", "");
        List<Path> out = new ArrayList<>();
        out.add(save(log.resolveSibling(stem + ".accuracy.png"), "Test accuracy per epoch", "epoch", "%",
                new XYSeriesCollection(accuracy), false));
        XYSeriesCollection g = new XYSeriesCollection();
        gradMax.values().forEach(g::addSeries);
        out.add(save(log.resolveSibling(stem + ".gradients.png"), "Largest weight gradient per layer",
                "mini-batches since the start (every " + HippoTrainer.MINI_BATCH_EVERY + "th logged)", "max |dC/dw|", g, true));
        XYSeriesCollection w = new XYSeriesCollection();
        weightStd.values().forEach(w::addSeries);
        out.add(save(log.resolveSibling(stem + ".weights.png"), "Weight spread per layer", "epoch", "std", w, false));
        out.add(save(log.resolveSibling(stem + ".cost.png"), "Test cost per epoch", "epoch", "C = 1/2 ||y - a||^2",
                new XYSeriesCollection(cost), false));
        if (lastWeights != null) {
            out.add(histograms(log.resolveSibling(stem + ".histograms.png"), lastWeights));
        }
        return out;
    }

    /**
     * The last epoch's weight histogram of each layer as a density (count / (layer's weights x bin width)), so
     * that layer 2's 300 weights show next to layer 1's 23,520 and bins of different widths compare.
     */
    private static Path histograms(Path file, JsonArray layers) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (JsonElement l : layers) {
            JsonObject layer = l.getAsJsonObject();
            JsonArray counts = layer.getAsJsonArray("histogram");
            double min = layer.get("min").getAsDouble();
            double width = (layer.get("max").getAsDouble() - min) / counts.size();
            XYSeries s = new XYSeries("layer " + layer.get("layer").getAsInt() + " weights");
            int total = 0;
            for (JsonElement c : counts) {
                total += c.getAsInt();
            }
            for (int b = 0; b < counts.size(); b++) {
                s.add(min + (b + 0.5) * width, width > 0 ? counts.get(b).getAsInt() / (total * width) : 0);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Weight histograms after the last epoch", "weight",
                "density (share of the layer's weights per unit)", data, PlotOrientation.VERTICAL, true, false, false);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 500);
        return file;
    }

    private static Path save(Path file, String title, String x, String y, XYSeriesCollection data, boolean logY)
            throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        if (logY) {
            LogAxis axis = new LogAxis(y);
            axis.setSmallestValue(1e-12);
            chart.getXYPlot().setRangeAxis(axis);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 800, 500);
        return file;
    }
}
