package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.junit.jupiter.api.Test;

/**
 * Reads a file written by PyTorch's safetensors package ({@code io/make_torch_written.py}); the expected
 * values are the script's definitions, worked out by hand.
 */
class SafetensorsTorchFixtureTest {

    @Test
    void readsAFileThatPyTorchWrote() throws Exception {
        SafetensorsFile f;
        try (InputStream in = getClass().getResourceAsStream("/io/torch_written.safetensors")) {
            assertNotNull(in, "fixture io/torch_written.safetensors is missing");
            f = Safetensors.read(in);
        }
        assertEquals(Map.of("format", "pt", "epoch", "3"), f.metadata());
        // the reference writer sorts by element size, then name, and lists tensors in that order
        assertEquals(List.of("steps", "fc.bias", "empty", "fc.weight", "ids", "mask"),
                new ArrayList<>(f.tensors().keySet()));

        NDArray w = f.tensors().get("fc.weight"); // arange(6) / 4 - 0.5, all exact in float32
        assertEquals(DType.F32, w.dtype());
        assertEquals(Shape.of(2, 3), w.shape());
        assertArrayEquals(new float[] {-0.5f, -0.25f, 0f, 0.25f, 0.5f, 0.75f}, (float[]) w.toArray());

        NDArray b = f.tensors().get("fc.bias");
        assertEquals(DType.F64, b.dtype());
        assertArrayEquals(new double[] {0.1, -0.2}, (double[]) b.toArray()); // the same doubles Python parses

        assertArrayEquals(new boolean[] {true, false, true}, (boolean[]) f.tensors().get("mask").toArray());
        assertArrayEquals(new int[] {1, -2, Integer.MAX_VALUE}, (int[]) f.tensors().get("ids").toArray());

        NDArray steps = f.tensors().get("steps");
        assertEquals(Shape.scalar(), steps.shape());
        assertArrayEquals(new long[] {(1L << 53) + 1}, (long[]) steps.toArray());

        NDArray empty = f.tensors().get("empty");
        assertEquals(DType.F32, empty.dtype());
        assertEquals(Shape.of(0, 2), empty.shape());
    }
}
