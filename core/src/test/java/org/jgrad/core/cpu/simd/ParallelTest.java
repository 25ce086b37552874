package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jgrad.core.cpu.Parallel;
import org.junit.jupiter.api.Test;

/** The shared range splitter the simd kernels run on. */
class ParallelTest {
    @Test
    void everyIndexIsVisitedExactlyOnce() {
        for (int n : new int[] {0, 1, 7, 1000, 100_003}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Parallel.forRange(n, 100, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "n=" + n + " index " + i);
            }
        }
    }

    @Test
    void chunksRespectTheGrainAndTheThreadCount() {
        assertEquals(1, Parallel.chunks(1000, 1000));
        assertEquals(1, Parallel.chunks(1999, 1000), "two chunks would be smaller than the grain");
        int chunks = Parallel.chunks(10_000, 1000);
        assertTrue(chunks <= 10, "no chunk below the grain: " + chunks);
        assertTrue(Parallel.threads() == 1 ? chunks == 1 : chunks >= Math.min(Parallel.threads(), 10), "" + chunks);
        assertTrue(Parallel.threads() >= 1);
        assertEquals(0, Parallel.chunkStart(10, 3, 0));
        assertEquals(10, Parallel.chunkStart(10, 3, 3));
    }

    @Test
    void anExceptionInAChunkReachesTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                Parallel.forChunks(10, 2, (from, to) -> {
                    if (to == 10) {
                        throw new IllegalStateException("boom");
                    }
                }));
        // The pool rethrows a copy of the same type whose message and cause name the original.
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void moreChunksThanThreadsAllRun() {
        AtomicIntegerArray hits = new AtomicIntegerArray(1000);
        Parallel.forChunks(1000, 1000, (from, to) -> {
            if (Parallel.threads() > 1) {
                assertEquals(from + 1, to, "one item per chunk");
            }
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void nestedCallsRunInline() {
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Parallel.forChunks(8, 8, (from, to) -> {
            for (int c = from; c < to; c++) {
                int base = c * 8;
                Parallel.forChunks(8, 8, (f, t) -> {
                    for (int i = f; i < t; i++) {
                        hits.incrementAndGet(base + i);
                    }
                });
            }
        });
        for (int i = 0; i < 64; i++) {
            assertEquals(1, hits.get(i));
        }
    }
}
