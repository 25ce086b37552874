package org.jgrad.bench.gpu;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG charts (JFreeChart, headless): rate against size on log axes, one line per device. */
final class GpuCharts {
    private GpuCharts() {
    }

    static void write(Path dir, JsonObject gpuJson, GpuReport.Series gpu, TreeMap<Integer, GpuReport.Series> cpus)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection mm = new XYSeriesCollection();
        mm.addSeries(line("GPU, our kernel", gpu, "matmul", p -> p.get("gflops").getAsDouble()));
        mm.addSeries(line("GPU, ours incl. transfers", gpu, "matmul",
                p -> p.has("transferMs") ? rate(p, "gflops", p.get("transferMs").getAsDouble()) : Double.NaN));
        mm.addSeries(line("GPU, cuBLAS (TF32 off)", gpu, "matmul", p -> p.has("cublasMs")
                ? 2.0 * Math.pow(p.get("size").getAsDouble(), 3) / (p.get("cublasMs").getAsDouble() * 1e-3) / 1e9 : Double.NaN));
        for (Map.Entry<Integer, GpuReport.Series> c : cpus.entrySet()) {
            mm.addSeries(line(c.getValue().label(), c.getValue(), "matmul", p -> p.get("gflops").getAsDouble()));
        }
        save(dir.resolve("matmul.png"), "float32 matrix product n x n x n", "n", "GFLOP/s", mm);

        XYSeriesCollection add = new XYSeriesCollection();
        add.addSeries(line("GPU, our kernel", gpu, "add", p -> p.get("gbs").getAsDouble()));
        add.addSeries(line("GPU incl. transfers", gpu, "add",
                p -> p.has("transferMs") ? rate(p, "gbs", p.get("transferMs").getAsDouble()) : Double.NaN));
        for (Map.Entry<Integer, GpuReport.Series> c : cpus.entrySet()) {
            add.addSeries(line(c.getValue().label(), c.getValue(), "add", p -> p.get("gbs").getAsDouble()));
        }
        save(dir.resolve("add.png"), "float32 add, out = a + b", "elements", "GB/s (12 bytes per element)", add);
    }

    /** The point's rate had its time been {@code ms + extraMs}. */
    private static double rate(JsonObject p, String key, double extraMs) {
        double ms = p.get("ms").getAsDouble();
        return p.get(key).getAsDouble() * ms / (ms + extraMs);
    }

    private static XYSeries line(String label, GpuReport.Series s, String family, ToDoubleFunction<JsonObject> y) {
        XYSeries series = new XYSeries(label);
        for (JsonObject p : s.points().values()) {
            if (p.get("family").getAsString().equals(family)) {
                double v = y.applyAsDouble(p);
                if (!Double.isNaN(v) && v > 0) {
                    series.add(p.get("size").getAsDouble(), v);
                }
            }
        }
        return series;
    }

    private static void save(Path file, String title, String x, String y, XYSeriesCollection data) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis xAxis = new LogAxis(x);
        xAxis.setBase(2);
        xAxis.setSmallestValue(1);
        plot.setDomainAxis(xAxis);
        LogAxis yAxis = new LogAxis(y);
        yAxis.setSmallestValue(1e-3);
        plot.setRangeAxis(yAxis);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 560);
    }
}
