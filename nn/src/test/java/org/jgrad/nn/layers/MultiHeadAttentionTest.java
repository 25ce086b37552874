package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * Attention's masks as properties (what a query may not see cannot change its output), PyTorch's parameter
 * names and initialisation, and input checks. Hidden keys get weight exactly 0 (exp(-inf)), so the outputs
 * they must not influence are compared for exact equality.
 */
class MultiHeadAttentionTest {
    private static final int B = 2;
    private static final int T = 5;
    private static final int E = 8;

    private static Tensor randn(Generator gen, int... shape) {
        return Tensor.of(NDArray.randn(gen, DType.F32, shape));
    }

    /** {@code x} with every position after {@code t} (along dim 1) replaced by fresh values. */
    private static Tensor changedAfter(Tensor x, int t, Generator gen) {
        Tensor head = x.narrow(1, 0, t + 1);
        Tensor tail = randn(gen, x.size(0), x.size(1) - t - 1, x.size(2));
        return Tensor.concat(1, head, tail);
    }

    /** Rows {@code [0, t]} along dim 1 of a {@code [B, T, E]} output, flattened. */
    private static float[] upTo(Tensor y, int t) {
        return y.narrow(1, 0, t + 1).contiguous().toFloatArray();
    }

    @Property(tries = 15)
    void causalOutputsIgnoreLaterTokens(@ForAll @IntRange(min = 0, max = T - 2) int t,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Generator gen = new Generator(seed);
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, true, gen);
        Tensor x = randn(gen, B, T, E);
        Tensor x2 = changedAfter(x, t, gen);
        Tensor y = attn.forward(x, null, true);
        Tensor y2 = attn.forward(x2, null, true);
        assertArrayEquals(upTo(y, t), upTo(y2, t), "outputs at positions <= " + t);
        assertFalse(Arrays.equals(y.toFloatArray(), y2.toFloatArray()), "later outputs do change");
        Tensor open = attn.forward(x2, null, false);
        assertFalse(Arrays.equals(upTo(attn.forward(x, null, false), t), upTo(open, t)),
                "without the causal mask, early outputs see later tokens");
    }

    @Property(tries = 15)
    void paddedKeysAndValuesDoNotMatter(@ForAll @IntRange(min = 1, max = 3) int padded,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Generator gen = new Generator(seed);
        int s = 4;
        MultiHeadAttention attn = new MultiHeadAttention(E, 4, true, gen);
        Tensor q = randn(gen, B, T, E);
        Tensor k = randn(gen, B, s, E);
        Tensor v = randn(gen, B, s, E);
        boolean[][] pad = new boolean[B][s];
        for (int j = s - padded; j < s; j++) {
            pad[0][j] = true;       // batch 0: the last `padded` keys are padding
        }
        Tensor mask = Tensor.of(pad);
        Tensor k2 = Tensor.concat(0, changedAfter(k.narrow(0, 0, 1), s - padded - 1, gen), k.narrow(0, 1, 1));
        Tensor v2 = Tensor.concat(0, changedAfter(v.narrow(0, 0, 1), s - padded - 1, gen), v.narrow(0, 1, 1));
        float[] y = attn.forward(q, k, v, mask, false).toFloatArray();
        assertArrayEquals(y, attn.forward(q, k2, v2, mask, false).toFloatArray());
        assertFalse(Arrays.equals(y, attn.forward(q, k2, v2, null, false).toFloatArray()),
                "unmasked, the changed keys and values do matter");
    }

    @Test
    void aQueryWithEveryKeyMaskedGivesNaNAsPyTorch() {
        Generator gen = new Generator(3);
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, gen);
        Tensor x = randn(gen, B, 3, E);
        Tensor mask = Tensor.of(new boolean[][] {{true, true, true}, {false, true, false}});
        float[] y = attn.forward(x, mask, false).toFloatArray();
        int perBatch = 3 * E;
        for (int i = 0; i < perBatch; i++) {
            assertTrue(Float.isNaN(y[i]), "batch 0 has no key to attend to");
            assertFalse(Float.isNaN(y[perBatch + i]), "batch 1 is unaffected");
        }
    }

    @Test
    void selfAttentionIsQueryKeyValueOfTheSameInput() {
        Generator gen = new Generator(4);
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, gen);
        Tensor x = randn(gen, B, T, E);
        assertArrayEquals(attn.forward(x, x, x, null, false).toFloatArray(), attn.forward(x).toFloatArray());
    }

    @Test
    void parametersAreNamedAndInitialisedAsPyTorchs() {
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, true, new Generator(5));
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                List.copyOf(attn.stateDict().keySet()));
        assertEquals("[24, 8]", attn.inProjWeight().shape().toString());
        double xavier = Math.sqrt(6.0 / (E + 3 * E));   // fan_in E, fan_out 3E
        assertTrue(Arrays.stream(attn.inProjWeight().toDoubleArray()).allMatch(w -> Math.abs(w) <= xavier));
        assertTrue(Arrays.stream(attn.inProjWeight().toDoubleArray()).anyMatch(w -> Math.abs(w) > 1 / Math.sqrt(E)),
                "xavier over [3E, E] reaches beyond Linear's 1/sqrt(E)");
        assertArrayEquals(new float[3 * E], attn.inProjBias().toFloatArray());
        assertArrayEquals(new float[E], attn.outProj().bias().toFloatArray());
        double linear = 1 / Math.sqrt(E);
        assertTrue(Arrays.stream(attn.outProj().weight().toDoubleArray()).allMatch(w -> Math.abs(w) <= linear));
        assertEquals(List.of("in_proj_weight", "out_proj.weight"),
                List.copyOf(new MultiHeadAttention(E, 2, false, new Generator(0)).stateDict().keySet()));
    }

    @Test
    void attentionDropoutOnlyInTraining() {
        Generator gen = new Generator(6);
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, true, 0.5, gen);
        MultiHeadAttention plain = new MultiHeadAttention(E, 2, true, gen);
        plain.loadStateDict(attn.stateDict(), true);
        Tensor x = randn(gen, B, T, E);
        assertFalse(Arrays.equals(plain.forward(x).toFloatArray(), attn.forward(x).toFloatArray()));
        attn.eval();
        assertArrayEquals(plain.forward(x).toFloatArray(), attn.forward(x).toFloatArray());
    }

    @Test
    void badShapesNameTheLayerAndTheShapes() {
        MultiHeadAttention attn = new MultiHeadAttention(E, 2, new Generator(0));
        Tensor x = Tensor.zeros(DType.F32, B, T, E);
        for (Tensor[] qkv : new Tensor[][] {
                {Tensor.zeros(DType.F32, T, E), x, x},                 // unbatched
                {Tensor.zeros(DType.F32, B, T, 6), x, x},              // wrong embedding size
                {x, Tensor.zeros(DType.F32, 3, T, E), x},              // batch sizes differ
                {x, x, Tensor.zeros(DType.F32, B, 4, E)}}) {           // key and value lengths differ
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> attn.forward(qkv[0], qkv[1], qkv[2], null, false));
            assertTrue(e.getMessage().contains("MultiHeadAttention(embed_dim=8, num_heads=2")
                    && e.getMessage().contains(qkv[0].shape().toString())
                    && e.getMessage().contains(qkv[2].shape().toString()), e.getMessage());
        }
        for (Tensor mask : new Tensor[] {Tensor.zeros(DType.F32, B, T), Tensor.of(new boolean[] {true, false})}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> attn.forward(x, mask, false));
            assertTrue(e.getMessage().contains("key padding mask [B, S] = [2, 5]")
                    && e.getMessage().contains(mask.shape().toString()), e.getMessage());
        }
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> new MultiHeadAttention(10, 3, new Generator(0)));
        assertTrue(heads.getMessage().contains("embed_dim=10, num_heads=3"), heads.getMessage());
    }
}
