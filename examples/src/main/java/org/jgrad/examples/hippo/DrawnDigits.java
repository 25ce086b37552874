package org.jgrad.examples.hippo;

import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.examples.digits.SyntheticDigits;

/**
 * 28 x 28 digit images drawn by the project, MNIST's format and size, for when no MNIST-style files are at
 * hand: the 5 x 7 font of {@link SyntheticDigits} scaled 2 to 3.6 times, slanted, placed at random, with random
 * stroke weight, fading ink, background noise and stray strokes. The same seed gives the same images.
 *
 * <pre>{@code
 * DrawnDigits.Split train = DrawnDigits.generate(60_000, new Generator(1));   // images [60000, 28, 28] in [0, 1]
 * }</pre>
 */
public final class DrawnDigits {
    /** Side of an image in pixels, as MNIST. */
    public static final int SIDE = 28;

    private DrawnDigits() {
    }

    /** Images {@code [count, 28, 28]} (F32 in [0, 1]) and labels {@code [count]} (I64). */
    public record Split(NDArray images, NDArray labels) {
    }

    public static Split generate(int count, Generator gen) {
        float[] pixels = new float[count * SIDE * SIDE];
        long[] labels = new long[count];
        for (int n = 0; n < count; n++) {
            int digit = (int) (gen.nextDouble() * 10);
            labels[n] = digit;
            draw(digit, gen, pixels, n * SIDE * SIDE);
        }
        return new Split(NDArray.on().of(pixels, DType.F32, count, SIDE, SIDE), NDArray.on().of(labels, DType.I64, count));
    }

    /**
     * One digit into {@code pixels} from {@code base}: the glyph scaled by 2 or 3 (with a random aspect), slanted,
     * placed at random, drawn with a stroke of 1 to 3 pixels whose ink fades at random, over background noise,
     * sometimes with a stray stroke. Variation enough that the book's small network does not reach 100%.
     */
    private static void draw(int digit, Generator gen, float[] pixels, int base) {
        for (int p = 0; p < SIDE * SIDE; p++) {
            pixels[base + p] = (float) (0.2 * gen.nextDouble() * gen.nextDouble());
        }
        double sx = 2 + 1.6 * gen.nextDouble();          // font pixel -> canvas pixels, x
        double sy = 2.3 + 1.3 * gen.nextDouble();        // and y
        double slant = 0.5 * (gen.nextDouble() - 0.5);   // x shift per row
        int w = (int) Math.ceil(SyntheticDigits.GLYPH_W * sx);
        int h = (int) Math.ceil(SyntheticDigits.GLYPH_H * sy);
        int x0 = 3 + (int) (gen.nextDouble() * Math.max(1, SIDE - w - 6));
        int y0 = 1 + (int) (gen.nextDouble() * Math.max(1, SIDE - h - 2));
        int stroke = 1 + (int) (gen.nextDouble() * 2.5);
        double ink = 0.6 + 0.4 * gen.nextDouble();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int fr = Math.min(SyntheticDigits.GLYPH_H - 1, (int) (r / sy));
                int fc = Math.min(SyntheticDigits.GLYPH_W - 1, (int) (c / sx));
                if (!SyntheticDigits.ink(digit, fr, fc) || gen.nextDouble() < 0.12) {
                    continue;
                }
                int x = x0 + c + (int) Math.round(slant * (h / 2.0 - r));
                for (int t = 0; t < stroke; t++) {
                    put(pixels, base, x + t, y0 + r, (float) (ink * (t == 0 ? 1 : 0.7)));
                }
            }
        }
        if (gen.nextDouble() < 0.3) {                     // a stray stroke
            double ax = gen.nextDouble() * SIDE;
            double ay = gen.nextDouble() * SIDE;
            double angle = gen.nextDouble() * Math.PI;
            for (int i = 0; i < 8; i++) {
                put(pixels, base, (int) (ax + i * Math.cos(angle)), (int) (ay + i * Math.sin(angle)), (float) (0.8 * ink));
            }
        }
    }

    private static void put(float[] pixels, int base, int x, int y, float v) {
        if (x >= 0 && x < SIDE && y >= 0 && y < SIDE) {
            int at = base + y * SIDE + x;
            pixels[at] = Math.max(pixels[at], v);
        }
    }
}
