package org.jgrad.bench.peers;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Buffer;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.Embedding;
import org.jgrad.nn.layers.LayerNorm;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.TransformerBlock;

/**
 * A small character-level GPT, as {@code CharGpt} in the Python script: token and position embeddings
 * (d 128), two pre-LN transformer blocks (4 heads, feed-forward 512, GELU, dropout 0.1, causal), a final
 * LayerNorm and a linear head over the 96-symbol vocabulary. Input {@code [B, T]} int64, output logits
 * {@code [B, T, vocab]}.
 */
final class CharGpt extends Module {
    static final int VOCAB = 96;
    static final int D_MODEL = 128;
    static final int HEADS = 4;
    static final int FEEDFORWARD = 512;
    static final int CONTEXT = 64;

    final Embedding tok;
    final Embedding pos;
    final List<TransformerBlock> blocks;
    final LayerNorm norm;
    final Linear head;
    @Buffer final Tensor positions;

    CharGpt(Generator gen) {
        tok = new Embedding(VOCAB, D_MODEL, gen);
        pos = new Embedding(CONTEXT, D_MODEL, gen);
        blocks = List.of(block(gen), block(gen));
        norm = new LayerNorm(D_MODEL);
        head = new Linear(D_MODEL, VOCAB, gen);
        positions = Tensor.of(NDArray.arange(0, CONTEXT, 1, DType.I64));
    }

    private static TransformerBlock block(Generator gen) {
        return new TransformerBlock(D_MODEL, HEADS, FEEDFORWARD, TransformerBlock.Activation.GELU, 1e-5, 0.1, gen);
    }

    @Override
    public Tensor forward(Tensor idx) {
        Tensor h = tok.forward(idx).add(pos.forward(positions));
        for (TransformerBlock b : blocks) {
            h = b.forward(h, null, true);
        }
        return head.forward(norm.forward(h));
    }
}
