package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/** The block's PyTorch state names, causality end to end, dropout modes and input checks. */
class TransformerBlockTest {
    @Test
    void stateNamesAreThoseOfTransformerEncoderLayer() {
        TransformerBlock block = new TransformerBlock(8, 2, 16, new Generator(0));
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), List.copyOf(block.stateDict().keySet()));
        assertTrue(block.toString().startsWith("TransformerBlock(d_model=8, nhead=2, dim_feedforward=16,"
                + " activation=relu, dropout=0.1, norm_first=true)"), block.toString());
    }

    @Test
    void causalBlockOutputsIgnoreLaterTokens() {
        Generator gen = new Generator(1);
        TransformerBlock block = new TransformerBlock(8, 2, 16, TransformerBlock.Activation.GELU, 1e-5, 0.0, gen);
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 2, 6, 8));
        Tensor x2 = Tensor.concat(1, x.narrow(1, 0, 3), Tensor.of(NDArray.randn(gen, DType.F32, 2, 3, 8)));
        float[] y = block.forward(x, null, true).narrow(1, 0, 3).contiguous().toFloatArray();
        assertArrayEquals(y, block.forward(x2, null, true).narrow(1, 0, 3).contiguous().toFloatArray());
        assertFalse(Arrays.equals(y, block.forward(x2).narrow(1, 0, 3).contiguous().toFloatArray()));
    }

    @Test
    void dropoutAppliesInTrainingOnlyAndRepeatsWithTheSeed() {
        Tensor x = Tensor.of(NDArray.randn(new Generator(2), DType.F32, 2, 4, 8));
        TransformerBlock a = new TransformerBlock(8, 2, 16, TransformerBlock.Activation.RELU, 1e-5, 0.3,
                new Generator(3));
        TransformerBlock b = new TransformerBlock(8, 2, 16, TransformerBlock.Activation.RELU, 1e-5, 0.3,
                new Generator(3));
        float[] trainA = a.forward(x).toFloatArray();
        assertArrayEquals(trainA, b.forward(x).toFloatArray(), "same seed, same weights and masks");
        a.eval();
        float[] evalA = a.forward(x).toFloatArray();
        assertFalse(Arrays.equals(trainA, evalA));
        assertArrayEquals(evalA, a.forward(x).toFloatArray(), "evaluation is deterministic");
    }

    @Test
    void wrongInputNamesTheBlockAndShape() {
        TransformerBlock block = new TransformerBlock(8, 2, 16, new Generator(0));
        for (int[] shape : new int[][] {{4, 8}, {2, 4, 6}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> block.forward(Tensor.zeros(DType.F32, shape)));
            assertTrue(e.getMessage().contains("TransformerBlock(d_model=8)")
                    && e.getMessage().contains(Arrays.toString(shape)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new TransformerBlock(8, 2, 0, new Generator(0)));
    }
}
