package org.jgrad.examples.search;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.AttributedString;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A PNG of search results: one row per query, the query first (a 28x28 image, or its text on a tile), then its
 * results as images scaled x3 with a caption under each (say, the category and the cosine). A result is
 * framed green when relevant (same category as the query) and red when not, so a glance shows where the
 * embeddings go wrong.
 *
 * <pre>{@code
 * List<ResultGrid.Tile> row = List.of(
 *         ResultGrid.Tile.query(queryPixels, "query: Sneaker"),
 *         new ResultGrid.Tile(pixels[7], "Sneaker\n0.934", true),
 *         new ResultGrid.Tile(pixels[3], "Sandal\n0.871", false));
 * ResultGrid.write(List.of(row), "Fashion-MNIST, exact cosine top-2", Path.of("reports/search-grid.png"));
 * }</pre>
 */
public final class ResultGrid {
    /** Images are 28x28 grayscale (Fashion-MNIST, MNIST). */
    static final int SIDE = 28;
    static final int SCALE = 3;
    static final int IMAGE = SIDE * SCALE;
    static final int FRAME = 4;
    static final int CAPTION = 30;
    static final int GAP = 16;
    static final int TITLE = 32;
    /** Width and height of one cell: the framed image, its caption, and the gap to the next cell. */
    static final int CELL_W = IMAGE + 2 * FRAME + GAP;
    static final int CELL_H = IMAGE + 2 * FRAME + CAPTION + GAP;

    static final Color RELEVANT = new Color(0, 170, 0);
    static final Color IRRELEVANT = new Color(210, 0, 0);
    static final Color QUERY = new Color(60, 60, 60);

    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);

    private ResultGrid() {
    }

    /**
     * One cell of the grid.
     *
     * @param pixels   a 28x28 grayscale image in row-major order, 0 black to 1 white; null for a text query,
     *                 whose caption is then drawn on the tile
     * @param caption  the text under the image; {@code \n} starts a new line
     * @param relevant true or false for a result (green or red frame), null for the query (gray frame)
     */
    public record Tile(float[] pixels, String caption, Boolean relevant) {
        public Tile {
            Objects.requireNonNull(caption, "caption");
            if (pixels != null && pixels.length != SIDE * SIDE) {
                throw new IllegalArgumentException("Tile: pixels must be " + SIDE + "x" + SIDE + " = " + SIDE * SIDE
                        + " values, got " + pixels.length);
            }
        }

        /** The query tile: an image, or text when {@code pixels} is null. */
        public static Tile query(float[] pixels, String caption) {
            return new Tile(pixels, caption, null);
        }
    }

    /** Writes the grid as a PNG, creating {@code png}'s folder if needed. */
    public static void write(List<List<Tile>> rows, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        if (columns == 0) {
            throw new IllegalArgumentException("ResultGrid.write: no tiles to draw (" + rows.size() + " empty rows)");
        }
        BufferedImage sheet = new BufferedImage(GAP + columns * CELL_W, TITLE + rows.size() * CELL_H,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        g.drawString(title, GAP, TITLE - 10);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                draw(g, rows.get(r).get(c), frame(r, c));
            }
        }
        g.dispose();
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ImageIO.write(sheet, "png", png.toFile());
    }

    /** Where the frame of the tile in row {@code row}, column {@code column} is drawn (the image is inside it). */
    static Rectangle frame(int row, int column) {
        return new Rectangle(GAP + column * CELL_W, TITLE + row * CELL_H, IMAGE + 2 * FRAME, IMAGE + 2 * FRAME);
    }

    private static void draw(Graphics2D g, Tile tile, Rectangle frame) {
        g.setColor(tile.relevant() == null ? QUERY : tile.relevant() ? RELEVANT : IRRELEVANT);
        g.fill(frame);
        Rectangle inside = new Rectangle(frame.x + FRAME, frame.y + FRAME, IMAGE, IMAGE);
        if (tile.pixels() == null) {
            g.setColor(Color.WHITE);
            g.fill(inside);
            wrapped(g, tile.caption(), inside);
            return;
        }
        // drawImage scales with nearest neighbour by default: each pixel becomes a sharp 3x3 block.
        g.drawImage(grayscale(tile.pixels()), inside.x, inside.y, IMAGE, IMAGE, null);
        g.setColor(Color.BLACK);
        g.setFont(CAPTION_FONT);
        FontMetrics fm = g.getFontMetrics();
        int y = frame.y + frame.height + fm.getAscent();
        for (String line : tile.caption().split("\n")) {
            g.drawString(line, frame.x + (frame.width - fm.stringWidth(line)) / 2, y);
            y += fm.getHeight();
        }
    }

    private static BufferedImage grayscale(float[] pixels) {
        BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            levels[i] = Math.round(255 * Math.max(0, Math.min(1, pixels[i])));
        }
        img.getRaster().setPixels(0, 0, SIDE, SIDE, levels);
        return img;
    }

    /** A text query on its tile, broken into lines that fit (the JDK's line breaker does the word wrapping). */
    private static void wrapped(Graphics2D g, String text, Rectangle box) {
        if (text.isEmpty()) {
            return;   // an empty AttributedString has no iterator to break
        }
        // Coordinates relative to the tile, and clipped to it: no text spills onto the neighbours.
        Graphics2D inTile = (Graphics2D) g.create(box.x, box.y, box.width, box.height);
        inTile.setColor(Color.BLACK);
        AttributedString styled = new AttributedString(text, Map.of(TextAttribute.FONT, CAPTION_FONT));
        LineBreakMeasurer lines = new LineBreakMeasurer(styled.getIterator(), inTile.getFontRenderContext());
        float y = 4;
        while (lines.getPosition() < text.length()) {
            TextLayout line = lines.nextLayout(box.width - 8);
            if (y + line.getAscent() + line.getDescent() > box.height - 4) {
                break;   // a text too long for the tile shows its first lines whole, not a line cut in half
            }
            y += line.getAscent();
            line.draw(inTile, 4, y);
            y += line.getDescent() + line.getLeading();
        }
        inTile.dispose();
    }
}
