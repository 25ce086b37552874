package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

/**
 * {@link SimdCopy} between views whose runs are short (copied plane by plane) or long, against the reference
 * backend, bit for bit, with the destination's other elements untouched: the windows of a 3x3 convolution
 * over a padded image into one slot of the im2col tensor, stride-2 slices (max-pooling), flipped and permuted
 * views, and a copy big enough to be split across threads by planes.
 */
class SimdCopyTest {
    private static final Backend REF = new ReferenceBackend();
    private static final Backend SIMD = new SimdBackend();

    @Test
    void convolutionWindowsIntoTheirSlot() {
        // src: padded [8, 16, 16, 16], the window at kernel offset (1, 2): rows 1..14, columns 2..15.
        View padded = View.contiguous(Shape.of(8, 16, 16, 16));
        View window = padded.slice(2, 1, 15, 1).slice(3, 2, 16, 1);
        // dst: [8, 16, 9, 14, 14], slot 5 of the 9 kernel offsets, seen as [8, 16, 14, 14].
        View slot = View.contiguous(Shape.of(8, 16, 9, 14, 14)).narrow(2, 5, 1).reshapeOrNull(Shape.of(8, 16, 14, 14));
        check(padded, window, Shape.of(8, 16, 9, 14, 14).numel(), slot, true);
    }

    @Test
    void stridedFlippedPermutedAndLarge() {
        View image = View.contiguous(Shape.of(4, 3, 28, 28));
        check(image, image.slice(2, 1, 28, 2).slice(3, 0, 27, 2), 4 * 3 * 14 * 14, View.contiguous(Shape.of(4, 3, 14, 14)),
                true);
        View small = View.contiguous(Shape.of(5, 7, 6));
        check(small, small.flip(new int[] {0, 2}).permute(2, 0, 1), 210, View.contiguous(Shape.of(6, 5, 7)), true);
        // Long runs take the chunked path; 64 x 16 x 14 x 14 windows of 14 are split across threads by planes.
        View big = View.contiguous(Shape.of(64, 16, 16, 16));
        check(big, big.slice(2, 0, 14, 1).slice(3, 2, 16, 1), 64 * 16 * 14 * 14, View.contiguous(Shape.of(64, 16, 14, 14)),
                true);
        check(big, big.narrow(1, 0, 8), 64 * 8 * 16 * 16, View.contiguous(Shape.of(64, 8, 16, 16)), false);
    }

    /** Copies {@code src} (a view of a random {@code base}) into {@code dst} (a view of {@code dstSize} floats). */
    private static void check(View base, View src, int dstSize, View dst, boolean shortRuns) {
        assertTrue((new StridedLoop(dst, src).innerLength() < SimdCopy.SHORT_RUN) == shortRuns,
                "the case takes the " + (shortRuns ? "plane" : "chunked") + " path");
        Random rnd = new Random(7);
        float[] data = new float[base.shape().numel()];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextFloat();
        }
        float[] init = new float[dstSize];
        for (int i = 0; i < init.length; i++) {
            init[i] = -1 - i;   // marks: a write outside the view shows
        }
        assertArrayEquals(copy(REF, data, src, init, dst), copy(SIMD, data, src, init, dst), src + " -> " + dst);
    }

    private static float[] copy(Backend be, float[] data, View src, float[] init, View dst) {
        Storage out = be.fromArray(init.clone(), DType.F32);
        be.copyInto(out, dst, be.fromArray(data, DType.F32), src);
        return (float[]) be.toArray(out, View.contiguous(Shape.of(init.length)));
    }
}
