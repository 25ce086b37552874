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
 * A character-level GPT: token and position embeddings (learned, or fixed sinusoidal), pre-LN transformer blocks
 * with causal multi-head
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
        this(vocab, layers, dModel, heads, context, dropout, false, gen);
    }

    /**
     * @param sinusoidal fixed sinusoidal positions (Vaswani et al.: {@code sin(p / 10000^(2i/d))} on even and
     *                   {@code cos} on odd features) instead of learned ones; the table is then frozen
     */
    public TinyGpt(int vocab, int layers, int dModel, int heads, int context, double dropout, boolean sinusoidal,
                   Generator gen) {
        this.context = context;
        tokens = new Embedding(vocab, dModel, gen);
        positions = new Embedding(context, dModel, gen);
        if (sinusoidal) {
            float[] table = new float[context * dModel];
            for (int p = 0; p < context; p++) {
                for (int i = 0; i < dModel; i++) {
                    double angle = p / Math.pow(10000, 2.0 * (i / 2) / dModel);
                    table[p * dModel + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
                }
            }
            try (var noGrad = org.jgrad.autograd.GradMode.noGrad()) {
                positions.weight().copy_(Tensor.of(NDArray.on().of(table, DType.F32, context, dModel)));
            }
            positions.weight().requiresGrad(false);
        }
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
