package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.junit.jupiter.api.Test;

/**
 * The merged geometry must address exactly the elements the views do: the test walks every element the way
 * the kernels' {@code offsets2} loop does (decompose the linear index over the layout's dims, dot with each
 * operand's strides) and compares with {@link View#indexOf}. Runs without a GPU.
 */
class StridedGeometryTest {
    private static View dense(int... dims) {
        return View.contiguous(Shape.of(dims));
    }

    /** Views of shape [4, 3, 5] in layouts the front end sends: dense, permuted, sliced, flipped, expanded. */
    private static List<View> views() {
        return List.of(
                dense(4, 3, 5),
                dense(5, 3, 4).permute(2, 1, 0),
                dense(4, 6, 5).slice(1, 0, 6, 2),
                dense(4, 3, 5).flip(0, 2),
                dense(1, 3, 1).expand(4, 3, 5),
                new View(Shape.of(4, 3, 5), new int[] {20, 5, 1}, 7));
    }

    /** What the kernel computes for operand {@code v} at linear index {@code i}. */
    private static int kernelOffset(int[] layout, int[] strides, int i) {
        int off = strides[0];
        for (int d = layout[0] - 1; d >= 0; d--) {
            int q = i / layout[1 + d];
            off += (i - q * layout[1 + d]) * strides[1 + d];
            i = q;
        }
        return off;
    }

    @Test
    void mergedGeometryAddressesTheSameElementsAsTheViews() {
        for (View out : views()) {
            for (View in : views()) {
                StridedGeometry g = StridedGeometry.of(out, in);
                int[] idx = new int[3];
                for (int i = 0; i < 60; i++) {
                    idx[0] = i / 15;
                    idx[1] = i / 5 % 3;
                    idx[2] = i % 5;
                    assertEquals(out.indexOf(idx), kernelOffset(g.layout(), g.strides(0), i), "out " + out + " at " + i);
                    assertEquals(in.indexOf(idx), kernelOffset(g.layout(), g.strides(1), i), "in " + in + " at " + i);
                }
            }
        }
    }

    @Test
    void denseOperandsRunAsOneDimension() {
        StridedGeometry g = StridedGeometry.of(dense(4, 3, 5), dense(4, 3, 5).reshapeOrNull(Shape.of(4, 3, 5)));
        assertArrayEquals(new int[] {1, 60, 0, 0, 0, 0, 0, 0, 0}, g.layout());
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0, 0, 0, 0}, g.strides(1));
    }

    @Test
    void sizeOneDimsAreDroppedAndScalarsHaveRankZero() {
        StridedGeometry g = StridedGeometry.of(dense(1, 1, 1));
        assertEquals(0, g.layout()[0]);
        assertEquals(2, StridedGeometry.of(dense(4, 1, 5).permute(2, 1, 0), dense(5, 1, 4)).layout()[0]);
    }

    @Test
    void tooManyUnmergeableDimsAreAClearError() {
        View v = dense(2, 2, 2, 2, 2, 2, 2, 2, 2);
        View reversed = v.permute(8, 7, 6, 5, 4, 3, 2, 1, 0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> StridedGeometry.of(v, reversed));
        assertTrue(e.getMessage().contains("at most 8"), e.getMessage());
    }

    @Test
    void unmergedKeepsEveryDimAndZeroesTheIndexedOne() {
        View x = dense(4, 3, 5);
        StridedGeometry g = StridedGeometry.unmerged(dense(2, 3, 5), x);
        assertArrayEquals(new int[] {3, 2, 3, 5, 0, 0, 0, 0, 0}, g.layout());
        assertArrayEquals(new int[] {0, 15, 0, 1, 0, 0, 0, 0, 0}, g.stridesWithout(1, 1));
    }
}
