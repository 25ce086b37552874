package org.jgrad.examples.gpt;

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
 * A character-level GPT: token and learned position embeddings, pre-LN transformer blocks with causal multi-head
 * self-attention (GELU feed-forward, dropout), a final LayerNorm and a linear head. Ids {@code [B, T]} (T up to
 * the context) to logits {@code [B, T, vocab]}; position t sees positions 0..t only.
 *
 * <pre>{@code
 * TinyGpt gpt = new TinyGpt(vocab, 2, 128, 4, 64, 0.1, new Generator(1));
 * Tensor logits = gpt.forward(ids);
 * }</pre>
 */
public final class TinyGpt extends Module {
    final int context;
    final Embedding tokens;
    final Embedding positions;
    final List<TransformerBlock> blocks;
    final LayerNorm norm;
    final Linear head;
    @Buffer final Tensor positionIds;

    public TinyGpt(int vocab, int layers, int dModel, int heads, int context, double dropout, Generator gen) {
        this.context = context;
        tokens = new Embedding(vocab, dModel, gen);
        positions = new Embedding(context, dModel, gen);
        TransformerBlock[] b = new TransformerBlock[layers];
        for (int i = 0; i < layers; i++) {
            b[i] = new TransformerBlock(dModel, heads, 4 * dModel, TransformerBlock.Activation.GELU, 1e-5, dropout, gen);
        }
        blocks = List.of(b);
        norm = new LayerNorm(dModel);
        head = new Linear(dModel, vocab, gen);
        positionIds = Tensor.of(NDArray.arange(0, context, 1, DType.I64));
    }

    /**
     * Each block's attention weights for {@code ids} {@code [1, T]}, in evaluation mode: one {@code [1, H, T, T]}
     * tensor per block (row t: how much position t draws on each earlier position).
     */
    public List<Tensor> attentionMaps(Tensor ids) {
        boolean wasTraining = isTraining();
        eval();
        try (var noGrad = org.jgrad.autograd.GradMode.noGrad()) {
            int t = ids.shape().dim(1);
            Tensor h = tokens.forward(ids).add(positions.forward(positionIds.slice(0, 0, t, 1)));
            List<Tensor> maps = new java.util.ArrayList<>();
            for (TransformerBlock block : blocks) {
                maps.add(block.attentionWeights(h, null, true));
                h = block.forward(h, null, true);
            }
            return maps;
        } finally {
            train(wasTraining);
        }
    }

    @Override
    public Tensor forward(Tensor ids) {
        int t = ids.shape().dim(1);
        if (t > context) {
            throw new IllegalArgumentException("TinyGpt: " + t + " positions, but the context is " + context);
        }
        Tensor h = tokens.forward(ids).add(positions.forward(positionIds.slice(0, 0, t, 1)));
        for (TransformerBlock block : blocks) {
            h = block.forward(h, null, true);
        }
        return head.forward(norm.forward(h));
    }
}
