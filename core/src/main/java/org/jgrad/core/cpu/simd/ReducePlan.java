package org.jgrad.core.cpu.simd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;

/**
 * How to walk a reduction: the input's dims split into kept ones (one output element per index) and reduced
 * ones (summed into it), each walked by its own {@link StridedLoop}.
 *
 * <p>{@link #kept} walks the kept dims of the input together with the dense output, so a piece gives the
 * input offset where an output element's reduction starts ({@code offs[0]}) and that element's index
 * ({@code offs[1]}). {@link #reduced} walks the reduced dims from offset 0, giving offsets relative to that
 * start. The reduced dims are sorted by decreasing stride, so the smallest stride is innermost: that only
 * changes the order of summation, and it makes the inner runs dense whenever the memory layout allows.
 *
 * <p>The {@link Mode} says which dims are dense in memory, and so which way to vectorise:
 * <pre>{@code
 * x: [1000, 512] contiguous, reduce axis 1  -> INNER  (each output sums a dense run of 512)
 * x: [1000, 512] contiguous, reduce axis 0  -> OUTER  (each input row adds into 512 dense outputs)
 * x: [512, 1000] transposed, reduce axis 0  -> INNER  (axis 0 is the dense one)
 * }</pre>
 */
final class ReducePlan {
    /** Which loop the vectors run along. */
    enum Mode {
        /** Reduced dims end in a dense run: vector-reduce along it, one output at a time. */
        INNER,
        /** Kept dims end in a dense run: add whole rows into a vector of outputs. */
        OUTER,
        /** Neither is dense: a scalar loop. */
        SCALAR
    }

    final StridedLoop kept;
    final StridedLoop reduced;
    /** Output elements. */
    final int outCount;
    /** Input elements reduced into each output element. */
    final int reduceCount;
    final Mode mode;

    ReducePlan(View vx, int[] axes) {
        int rank = vx.rank();
        boolean[] isReduced = new boolean[rank];
        for (int a : axes) {
            isReduced[a] = true;
        }
        List<int[]> keptDims = new ArrayList<>();    // {size, stride}
        List<int[]> reducedDims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            (isReduced[d] ? reducedDims : keptDims).add(new int[] {vx.shape().dim(d), vx.stride(d)});
        }
        reducedDims.sort(Comparator.comparingInt((int[] sd) -> -Math.abs(sd[1])));
        Shape keptShape = Shape.of(column(keptDims, 0));
        View keptView = new View(keptShape, column(keptDims, 1), vx.offset());
        View reducedView = new View(Shape.of(column(reducedDims, 0)), column(reducedDims, 1), 0);
        kept = new StridedLoop(keptView, View.contiguous(keptShape));
        reduced = new StridedLoop(reducedView);
        outCount = keptShape.numel();
        reduceCount = reducedView.numel();
        int minRun = 2 * SimdWidth.LANES;
        if (reduced.innerStride(0) == 1 && reduced.innerLength() >= minRun) {
            mode = Mode.INNER;
        } else if (kept.innerStride(0) == 1 && kept.innerLength() >= SimdWidth.LANES) {
            mode = Mode.OUTER;
        } else {
            mode = Mode.SCALAR;
        }
    }

    private static int[] column(List<int[]> rows, int c) {
        return rows.stream().mapToInt(r -> r[c]).toArray();
    }

    @Override
    public String toString() {
        return "ReducePlan(" + mode + ", out " + outCount + " x reduce " + reduceCount + ", runs "
                + Arrays.asList(kept.innerLength(), reduced.innerLength()) + ")";
    }
}
