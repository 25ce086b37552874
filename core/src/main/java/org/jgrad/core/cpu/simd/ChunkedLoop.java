package org.jgrad.core.cpu.simd;

import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.cpu.StridedLoop;

/**
 * Splits a {@link StridedLoop} across threads by element count rather than by run.
 *
 * <p>A contiguous tensor is a single run of a million elements, and a transposed one is a thousand short
 * runs; cutting by runs would leave one thread idle in the first case. So the element range
 * {@code [0, runCount * innerLength)} is cut into chunks, and a chunk that starts or ends inside a run gets
 * that run's piece, with each operand's offset moved along by its inner stride. Kernels receive the pieces
 * exactly as {@link StridedLoop.RunConsumer} runs: {@code (offsets, length)}.
 *
 * <pre>{@code
 * StridedLoop loop = new StridedLoop(View.contiguous(vx.shape()), vx);
 * ChunkedLoop.run(loop, 1 << 16, (offs, n) -> kernel(out, offs[0], x, offs[1], loop.innerStride(1), n));
 * }</pre>
 */
final class ChunkedLoop {
    private ChunkedLoop() {
    }

    /** Calls {@code body} for every piece, on several threads when there are more than {@code grain} elements. */
    static void run(StridedLoop loop, int grain, StridedLoop.RunConsumer body) {
        int total = loop.runCount() * loop.innerLength();
        Parallel.forRange(total, grain, (from, to) -> forEachPiece(loop, from, to, body));
    }

    /** Calls {@code body} for the pieces that cover elements {@code [from, to)}, in order. */
    static void forEachPiece(StridedLoop loop, int from, int to, StridedLoop.RunConsumer body) {
        int len = loop.innerLength();
        if (from >= to || len == 0) {
            return;
        }
        int firstRun = from / len;
        int endRun = (to - 1) / len + 1;
        int[] run = {firstRun};
        loop.forEachRun(firstRun, endRun, (offs, n) -> {
            int r = run[0]++;
            int start = r == firstRun ? from - r * len : 0;
            int end = r == endRun - 1 ? to - r * len : len;
            if (start > 0) {
                // offs is a fresh copy per run, so moving it along does not disturb the walk.
                for (int k = 0; k < offs.length; k++) {
                    offs[k] += start * loop.innerStride(k);
                }
            }
            body.run(offs, end - start);
        });
    }
}
