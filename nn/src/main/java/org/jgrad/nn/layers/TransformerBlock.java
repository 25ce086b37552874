package org.jgrad.nn.layers;

import java.util.Locale;
import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.Init;

/**
 * A pre-norm transformer encoder block on batch-first inputs {@code [B, T, dModel]}, exactly PyTorch's
 * {@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps,
 * batch_first=True, norm_first=True)}:
 * <pre>
 * x = x + dropout1(self_attn(norm1(x)))
 * x = x + dropout2(linear2(dropout(activation(linear1(norm2(x))))))
 * </pre>
 * The attention weights get the same dropout probability (as PyTorch passes {@code dropout} to
 * {@code self_attn}). State names are PyTorch's: {@code self_attn.in_proj_weight}, ..., {@code linear1.*},
 * {@code linear2.*}, {@code norm1.*}, {@code norm2.*}.
 *
 * <pre>{@code
 * TransformerBlock block = new TransformerBlock(64, 4, 256, TransformerBlock.Activation.GELU, 1e-5, 0.1, gen);
 * Tensor h = block.forward(x, paddingMask, true);   // causal, with padded keys ignored
 * }</pre>
 */
public class TransformerBlock extends Module {
    /** The feed-forward nonlinearity (PyTorch's {@code activation}: "relu", the default, or "gelu", exact). */
    public enum Activation { RELU, GELU }

    // Declared in PyTorch's registration order, so state dicts list keys in the same order.
    private final MultiHeadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;
    private final Activation activation;

    /**
     * @param dropout the probability of every dropout in the block (attention weights included), in [0, 1)
     * @param gen draws the initial weights, and later the dropout masks
     */
    public TransformerBlock(int dModel, int nHead, int dimFeedforward, Activation activation, double layerNormEps,
                            double dropout, Generator gen) {
        if (dimFeedforward <= 0) {
            throw new IllegalArgumentException("TransformerBlock: dim_feedforward must be positive, got "
                    + dimFeedforward);
        }
        this.activation = Objects.requireNonNull(activation, "TransformerBlock: activation must not be null");
        this.selfAttn = new MultiHeadAttention(dModel, nHead, true, dropout, gen);
        this.linear1 = new Linear(dModel, dimFeedforward, true, gen);
        this.dropout = new Dropout(dropout, gen);
        this.linear2 = new Linear(dimFeedforward, dModel, true, gen);
        this.norm1 = new LayerNorm(new int[] {dModel}, layerNormEps, true);
        this.norm2 = new LayerNorm(new int[] {dModel}, layerNormEps, true);
        this.dropout1 = new Dropout(dropout, gen);
        this.dropout2 = new Dropout(dropout, gen);
    }

    /** PyTorch's defaults: ReLU, layer-norm eps 1e-5, dropout 0.1. */
    public TransformerBlock(int dModel, int nHead, int dimFeedforward, Generator gen) {
        this(dModel, nHead, dimFeedforward, Activation.RELU, 1e-5, 0.1, gen);
    }

    /** PyTorch's defaults, drawn from {@link Init#defaultGenerator()}. */
    public TransformerBlock(int dModel, int nHead, int dimFeedforward) {
        this(dModel, nHead, dimFeedforward, Init.defaultGenerator());
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null, false);
    }

    /**
     * @param keyPaddingMask BOOL {@code [B, T]}, true where a token is padding (ignored as a key); may be null
     * @param causal whether token {@code i} may only attend to tokens {@code j <= i}
     */
    /**
     * The block's attention weights for input {@code x}, {@code [B, H, T, T]}: its self-attention's weights on
     * {@code norm1(x)}, as {@link #forward} computes them (without dropout).
     */
    public Tensor attentionWeights(Tensor x, Tensor keyPaddingMask, boolean causal) {
        Tensor h = norm1.forward(x);
        return selfAttn.attentionWeights(h, h, keyPaddingMask, causal);
    }

    public Tensor forward(Tensor x, Tensor keyPaddingMask, boolean causal) {
        if (x.rank() != 3 || x.size(2) != selfAttn.embedDim()) {
            throw new IllegalArgumentException("TransformerBlock(d_model=" + selfAttn.embedDim() + "): expected an"
                    + " input [B, T, " + selfAttn.embedDim() + "], got " + x.shape());
        }
        Tensor h = x.add(dropout1.forward(selfAttn.forward(norm1.forward(x), keyPaddingMask, causal)));
        Tensor ff = linear2.forward(dropout.forward(activate(linear1.forward(norm2.forward(h)))));
        return h.add(dropout2.forward(ff));
    }

    private Tensor activate(Tensor x) {
        return activation == Activation.GELU ? x.gelu() : x.relu();
    }

    public MultiHeadAttention selfAttn() {
        return selfAttn;
    }

    public Linear linear1() {
        return linear1;
    }

    public Linear linear2() {
        return linear2;
    }

    public LayerNorm norm1() {
        return norm1;
    }

    public LayerNorm norm2() {
        return norm2;
    }

    @Override
    protected String extraRepr() {
        return "d_model=" + selfAttn.embedDim() + ", nhead=" + selfAttn.numHeads() + ", dim_feedforward="
                + linear1.outFeatures() + ", activation=" + activation.name().toLowerCase(Locale.ROOT)
                + ", dropout=" + dropout.p() + ", norm_first=true";
    }
}
