package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d beyond the single PyTorch steps of the fixtures: evaluation against hand-computed running
 * statistics, the cumulative average over several batches, state names and input checks. Float32 values of
 * O(1) through a handful of ops: compared within 1e-5 absolute.
 */
class BatchNorm1dTest {
    private static Tensor input(long seed, int... shape) {
        return Tensor.of(NDArray.randn(new Generator(seed), DType.F32, shape));
    }

    @Test
    void stateNamesAreTorchsWithAScalarBatchCount() {
        BatchNorm1d bn = new BatchNorm1d(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        Tensor count = bn.stateDict().get("num_batches_tracked");
        assertEquals(DType.I64, count.dtype());
        assertEquals(0, count.rank());
        assertEquals(List.of("running_mean", "running_var"),
                List.copyOf(new BatchNorm1d(3, 1e-5, 0.1, false, true).stateDict().keySet()).subList(0, 2));
        assertEquals(List.of("weight", "bias"), List.copyOf(new BatchNorm1d(3, 1e-5, 0.1, true, false)
                .stateDict().keySet()));
        assertTrue(bn.toString().startsWith("BatchNorm1d(3, eps=1.0E-5, momentum=0.1, affine=true,"
                + " track_running_stats=true)"), bn.toString());
    }

    @Test
    void evalNormalisesWithTheRunningStatisticsAndChangesNothing() {
        BatchNorm1d bn = new BatchNorm1d(2);
        float[] mean = {0.5f, -1f};
        float[] var = {4f, 0.25f};
        float[] w = {2f, -1f};
        float[] b = {0.1f, 0.2f};
        bn.loadStateDict(Map.of("weight", Tensor.of(w), "bias", Tensor.of(b), "running_mean", Tensor.of(mean),
                "running_var", Tensor.of(var), "num_batches_tracked", Tensor.scalar(5, DType.I64)), true);
        bn.eval();
        Tensor x = input(1, 3, 2, 4);
        float[] y = bn.forward(x).toFloatArray();
        float[] xs = x.toFloatArray();
        for (int i = 0; i < xs.length; i++) {
            int c = (i / 4) % 2;
            double want = (xs[i] - mean[c]) / Math.sqrt(var[c] + 1e-5) * w[c] + b[c];
            assertEquals(want, y[i], 1e-5, "element " + i);
        }
        assertArrayEquals(mean, bn.runningMean().toFloatArray());
        assertArrayEquals(var, bn.runningVar().toFloatArray());
        assertEquals(5, bn.numBatchesTracked());
        assertEquals(1, bn.forward(input(2, 1, 2)).shape().dim(0), "one sample is fine in evaluation");
    }

    @Test
    void momentumNoneKeepsTheCumulativeAverageOfBatchMeans() {
        BatchNorm1d bn = new BatchNorm1d(3, 1e-5, null, true, true);
        Tensor a = input(3, 5, 3);
        Tensor c = input(4, 7, 3);
        bn.forward(a);
        bn.forward(c);
        assertEquals(2, bn.numBatchesTracked());
        double[] ma = a.mean(new int[] {0}, false).toDoubleArray();
        double[] mc = c.mean(new int[] {0}, false).toDoubleArray();
        double[] run = bn.runningMean().toDoubleArray();
        for (int ch = 0; ch < 3; ch++) {
            assertEquals((ma[ch] + mc[ch]) / 2, run[ch], 1e-6, "channel " + ch);
        }
    }

    @Test
    void withoutRunningStatisticsBothModesUseTheBatch() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, 0.1, false, false);
        assertNull(bn.runningMean());
        Tensor x = input(5, 6, 2);
        float[] train = bn.forward(x).toFloatArray();
        bn.eval();
        assertArrayEquals(train, bn.forward(x).toFloatArray());
        assertEquals(0, bn.numBatchesTracked());
    }

    @Test
    void badInputsNameTheLayerAndShapeAndLeaveTheStateAlone() {
        BatchNorm1d bn = new BatchNorm1d(3);
        for (int[] shape : new int[][] {{3}, {2, 4}, {2, 3, 4, 5}, {2, 2, 4}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bn.forward(Tensor.zeros(DType.F32, shape)));
            assertTrue(e.getMessage().contains("BatchNorm1d(3)") && e.getMessage().contains("[N, 3]")
                    && e.getMessage().contains(java.util.Arrays.toString(shape)), e.getMessage());
        }
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(Tensor.ones(DType.F32, 1, 3)));
        assertTrue(one.getMessage().contains("Expected more than 1 value per channel when training")
                && one.getMessage().contains("[1, 3]"), one.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.ones(DType.F32, 1, 3, 1)));
        assertEquals(0, bn.numBatchesTracked(), "rejected inputs are not counted");
        assertArrayEquals(new float[3], bn.runningMean().toFloatArray());
        bn.forward(Tensor.ones(DType.F32, 1, 3, 2));   // N = 1 but two values per channel: allowed, as PyTorch
        assertEquals(1, bn.numBatchesTracked());
    }

    @Test
    void constructorArgumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, -1, 0.1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, 1e-5, 1.5, true, true));
    }
}
