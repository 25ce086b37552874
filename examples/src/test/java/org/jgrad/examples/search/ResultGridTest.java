package org.jgrad.examples.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result grid PNG: its size, and the frames' colours where the layout puts them. */
class ResultGridTest {
    @Test
    void writesFramesGreenForRelevantAndRedForNot(@TempDir Path dir) throws Exception {
        float[] white = filled(1f);
        float[] black = filled(0f);
        List<List<ResultGrid.Tile>> rows = List.of(
                List.of(ResultGrid.Tile.query(white, "query: Sneaker"),
                        new ResultGrid.Tile(white, "Sneaker\n0.934", true),
                        new ResultGrid.Tile(black, "Sandal\n0.871", false)),
                List.of(ResultGrid.Tile.query(null, "a red running shoe with white laces"),
                        new ResultGrid.Tile(black, "Bag\n0.512", false),
                        new ResultGrid.Tile(white, "Sneaker\n0.498", true)));
        Path png = dir.resolve("reports/grid.png");   // the folder does not exist yet
        ResultGrid.write(rows, "two queries, top 2", png);

        BufferedImage img = ImageIO.read(png.toFile());
        // Cell: 84 image + 2 * 4 frame + 16 gap = 108 wide; + 30 caption = 138 high.
        // Sheet: 16 + 3 * 108 = 340 wide, 32 title + 2 * 138 = 308 high.
        assertEquals(340, img.getWidth());
        assertEquals(308, img.getHeight());

        assertColor(Color.GREEN, frameEdge(img, 0, 1), "row 0, relevant result");
        assertColor(Color.RED, frameEdge(img, 0, 2), "row 0, irrelevant result");
        assertColor(Color.RED, frameEdge(img, 1, 1), "row 1, irrelevant result");
        assertColor(Color.GREEN, frameEdge(img, 1, 2), "row 1, relevant result");
        // Inside the frames: the images themselves, 1 as white and 0 as black.
        assertEquals(Color.WHITE.getRGB(), centre(img, 0, 1));
        assertEquals(Color.BLACK.getRGB(), centre(img, 0, 2));
        // The text query's tile: a white tile; its top-left corner stays clear of the text's 4 px margin.
        Rectangle text = ResultGrid.frame(1, 0);
        assertEquals(Color.WHITE.getRGB(), img.getRGB(text.x + 5, text.y + 5) | 0xFF000000);
    }

    @Test
    void rejectsImagesOfTheWrongSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ResultGrid.Tile(new float[100], "x", true));
        assertTrue(e.getMessage().contains("784") && e.getMessage().contains("100"), e.getMessage());
    }

    /** The middle of the left edge of a tile's frame: 1 px in from the frame's outside. */
    private static int frameEdge(BufferedImage img, int row, int column) {
        Rectangle f = ResultGrid.frame(row, column);
        return img.getRGB(f.x + 1, f.y + f.height / 2);
    }

    private static int centre(BufferedImage img, int row, int column) {
        Rectangle f = ResultGrid.frame(row, column);
        return img.getRGB(f.x + f.width / 2, f.y + f.height / 2);
    }

    /** Which primary dominates: {@code expected} is GREEN or RED, the other two channels must stay low. */
    private static void assertColor(Color expected, int rgb, String where) {
        Color c = new Color(rgb);
        boolean green = c.getGreen() > 120 && c.getRed() < 60 && c.getBlue() < 60;
        boolean red = c.getRed() > 120 && c.getGreen() < 60 && c.getBlue() < 60;
        boolean wantGreen = expected.equals(Color.GREEN);
        assertTrue(wantGreen ? green : red, where + ": expected " + (wantGreen ? "green" : "red") + ", got " + c);
    }

    private static float[] filled(float value) {
        float[] pixels = new float[28 * 28];
        Arrays.fill(pixels, value);
        return pixels;
    }
}
