package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.junit.jupiter.api.Test;

/** Embedding's N(0, 1) table, its padding row (zero at first, never trained) and its input checks. */
class EmbeddingTest {
    @Test
    void tableIsStandardNormal() {
        // 20,000 N(0, 1) draws: mean within 5 / sqrt(n) = 0.035, std within 5 x 0.71 / sqrt(n) = 0.025.
        double[] w = new Embedding(1000, 20, new Generator(0)).weight().toDoubleArray();
        double mean = Arrays.stream(w).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / (w.length - 1));
        assertEquals(0, mean, 0.035);
        assertEquals(1, std, 0.025);
    }

    @Test
    void paddingRowStartsAtZeroAndGetsNoGradient() {
        Embedding emb = new Embedding(5, 3, 0, new Generator(1));
        float[] w = emb.weight().toFloatArray();
        assertArrayEquals(new float[3], Arrays.copyOfRange(w, 0, 3), "padding row zeroed at construction");
        assertTrue(Arrays.stream(emb.weight().toDoubleArray()).skip(3).allMatch(x -> x != 0), "the other rows drawn");
        Tensor ids = Tensor.of(new long[][] {{1, 0, 4}, {0, 1, 1}});
        Tensor out = emb.forward(ids);
        assertArrayEquals(new int[] {2, 3, 3}, out.shape().toArray());
        out.sum().backward();
        float[] g = emb.weight().grad().toFloatArray();
        // d sum / d row = how often the row is picked (times 1 per element), except the padding row.
        float[] want = {0, 0, 0, 3, 3, 3, 0, 0, 0, 0, 0, 0, 1, 1, 1};
        assertArrayEquals(want, g);
    }

    @Test
    void negativePaddingIndexCountsFromTheEnd() {
        Embedding emb = new Embedding(4, 2, -1, new Generator(2));
        assertEquals(3, emb.paddingIdx());
        assertArrayEquals(new float[2], Arrays.copyOfRange(emb.weight().toFloatArray(), 6, 8));
        assertEquals("Embedding(4, 2, padding_idx=3)", emb.toString().substring(0, emb.toString().indexOf(')') + 1));
    }

    @Test
    void badArgumentsAndInputs() {
        IllegalArgumentException pad = assertThrows(IllegalArgumentException.class,
                () -> new Embedding(4, 2, 4, new Generator(0)));
        assertTrue(pad.getMessage().contains("padding_idx 4"), pad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(4, 2, -5, new Generator(0)));
        Embedding emb = new Embedding(4, 2, new Generator(0));
        IllegalArgumentException floating = assertThrows(IllegalArgumentException.class,
                () -> emb.forward(Tensor.zeros(DType.F32, 2)));
        assertTrue(floating.getMessage().contains("Embedding(4, 2)") && floating.getMessage().contains("F32"),
                floating.getMessage());
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class,
                () -> emb.forward(Tensor.of(new long[] {0, 4})));
        assertTrue(range.getMessage().contains("4 rows"), range.getMessage());
    }
}
