package org.jgrad.examples.gpt;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * A PNG of every head's attention for a prompt: one heatmap per (layer, head), rows = the position attending
 * (query), columns = the position attended to (key), dark = more weight. Causal attention leaves the upper
 * triangle white.
 *
 * <pre>{@code
 * AttentionHeatmap.write(gpt.attentionMaps(ids), "The Library", Path.of("reports/gpt-attention.png"));
 * }</pre>
 */
public final class AttentionHeatmap {
    private static final int SIZE = 320;

    private AttentionHeatmap() {
    }

    public static void write(List<Tensor> maps, String prompt, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int layers = maps.size();
        int heads = maps.get(0).shape().dim(1);
        int t = maps.get(0).shape().dim(2);
        BufferedImage sheet = new BufferedImage(heads * SIZE, layers * SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int l = 0; l < layers; l++) {
            double[] w = (double[]) maps.get(l).data().to(DType.F64).toArray();
            for (int h = 0; h < heads; h++) {
                DefaultXYZDataset data = new DefaultXYZDataset();
                double[][] series = new double[3][t * t];
                for (int q = 0; q < t; q++) {
                    for (int k = 0; k < t; k++) {
                        int i = q * t + k;
                        series[0][i] = k;
                        series[1][i] = q;
                        series[2][i] = w[(h * t + q) * t + k];
                    }
                }
                data.addSeries("attention", series);
                XYBlockRenderer renderer = new XYBlockRenderer();
                renderer.setPaintScale(new InvertedGray());
                NumberAxis x = new NumberAxis("key position");
                NumberAxis y = new NumberAxis("query position");
                y.setInverted(true);
                XYPlot plot = new XYPlot(data, x, y, renderer);
                JFreeChart chart = new JFreeChart("layer " + (l + 1) + ", head " + (h + 1), JFreeChart.DEFAULT_TITLE_FONT,
                        plot, false);
                g.drawImage(chart.createBufferedImage(SIZE, SIZE), h * SIZE, l * SIZE, null);
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", png.toFile());
    }

    /** White for 0, black for 1. */
    private static final class InvertedGray extends GrayPaintScale {
        InvertedGray() {
            super(0, 1);
        }

        @Override
        public java.awt.Paint getPaint(double value) {
            int v = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, value))));
            return new Color(v, v, v);
        }
    }
}
