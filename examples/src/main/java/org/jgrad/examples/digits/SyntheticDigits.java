package org.jgrad.examples.digits;

import org.jgrad.core.Generator;

/**
 * A small MNIST-like dataset the project draws itself, so the main training run needs no download:
 * the ten digits of a 5x7 pixel font, placed at a random position on a 12x12 canvas, with random stroke
 * intensity, a random 1-pixel stroke thickening, background noise and flipped pixels. Translation and
 * noise make it a real learning problem (a linear model stays well below an MLP), yet an MLP learns it
 * in seconds.
 *
 * <pre>{@code
 * SyntheticDigits.Sample s = SyntheticDigits.generate(1000, new Generator(7));
 * s.images();   // 1000 * 144 bytes, row-major 12x12 images, 0..255
 * s.labels();   // 1000 labels 0..9
 * }</pre>
 */
public final class SyntheticDigits {
    /** Canvas side in pixels. */
    public static final int SIDE = 12;

    /** Glyph width and height in font pixels. */
    public static final int GLYPH_W = 5;
    public static final int GLYPH_H = 7;
    private static final String[][] FONT = {   // 7 rows of 5 pixels per digit
        {" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "},
        {"  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "},
        {" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"},
        {"#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "},
        {"   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "},
        {"#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "},
        {"  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "},
        {"#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "},
        {" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "},
        {" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "},
    };
    private static final boolean[][] GLYPHS = glyphs();

    /** Whether font pixel ({@code row}, {@code col}) of {@code digit}'s glyph is ink (for other canvas sizes). */
    public static boolean ink(int digit, int row, int col) {
        return GLYPHS[digit][row * GLYPH_W + col];
    }

    /** Images (row-major {@code SIDE x SIDE} bytes each, 0..255) and their labels. */
    public record Sample(int count, byte[] images, byte[] labels) {
    }

    private SyntheticDigits() {
    }

    /** Draws {@code count} labelled images; the same generator seed gives the same images. */
    public static Sample generate(int count, Generator gen) {
        byte[] images = new byte[count * SIDE * SIDE];
        byte[] labels = new byte[count];
        double[] canvas = new double[SIDE * SIDE];
        for (int i = 0; i < count; i++) {
            int digit = (int) (uniform(gen) * 10);
            labels[i] = (byte) digit;
            draw(digit, gen, canvas);
            for (int p = 0; p < canvas.length; p++) {
                images[i * canvas.length + p] = (byte) Math.round(255 * Math.min(1, Math.max(0, canvas[p])));
            }
        }
        return new Sample(count, images, labels);
    }

    private static void draw(int digit, Generator gen, double[] canvas) {
        for (int p = 0; p < canvas.length; p++) {
            canvas[p] = 0.15 * uniform(gen);   // background noise
        }
        boolean thick = uniform(gen) < 0.5;
        int x0 = (int) (uniform(gen) * (SIDE - GLYPH_W - (thick ? 1 : 0) + 1));
        int y0 = (int) (uniform(gen) * (SIDE - GLYPH_H + 1));
        double ink = 0.6 + 0.4 * uniform(gen);
        boolean[] glyph = GLYPHS[digit];
        for (int r = 0; r < GLYPH_H; r++) {
            for (int c = 0; c < GLYPH_W; c++) {
                if (glyph[r * GLYPH_W + c]) {
                    canvas[(y0 + r) * SIDE + x0 + c] = ink;
                    if (thick) {
                        canvas[(y0 + r) * SIDE + x0 + c + 1] = ink;
                    }
                }
            }
        }
        for (int flips = 0; flips < 3; flips++) {   // salt-and-pepper noise
            int p = (int) (uniform(gen) * canvas.length);
            canvas[p] = canvas[p] > 0.5 ? 0 : 1;
        }
    }

    private static double uniform(Generator gen) {
        return gen.nextDouble();
    }

    private static boolean[][] glyphs() {
        boolean[][] out = new boolean[FONT.length][];
        for (int d = 0; d < FONT.length; d++) {
            String rows = String.join("", FONT[d]);
            if (FONT[d].length != GLYPH_H || rows.length() != GLYPH_W * GLYPH_H) {
                throw new IllegalStateException("glyph " + d + " is not " + GLYPH_W + "x" + GLYPH_H);
            }
            out[d] = new boolean[rows.length()];
            for (int p = 0; p < rows.length(); p++) {
                out[d][p] = rows.charAt(p) == '#';
            }
        }
        return out;
    }
}
