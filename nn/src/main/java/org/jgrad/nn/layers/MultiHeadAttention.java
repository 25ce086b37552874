package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.Init;

/**
 * Multi-head scaled dot-product attention on batch-first inputs {@code [B, T, E]} (PyTorch's
 * {@code nn.MultiheadAttention(embed_dim, num_heads, bias=..., batch_first=True)}, returning the output only).
 * Query, key and value are projected by the three {@code [E, E]} blocks of {@code in_proj_weight}, split into
 * {@code numHeads} heads of size {@code E / numHeads}, attended ({@code softmax(q k^T / sqrt(head_dim)) v}),
 * merged and projected by {@code out_proj}.
 *
 * <p>State, named as PyTorch's: {@code in_proj_weight [3E, E]} (xavier-uniform), {@code in_proj_bias [3E]}
 * (zeros), {@code out_proj.weight [E, E]} (Linear's default) and {@code out_proj.bias [E]} (zeros); without
 * bias neither bias exists.
 *
 * <p>Masks: {@code keyPaddingMask} is BOOL {@code [B, S]} with {@code true} = ignore that key (PyTorch's
 * convention); {@code causal} lets query {@code i} see keys {@code j <= i} only. A query whose keys are all
 * hidden has nothing to attend to: its softmax is 0/0 and its output row is NaN, as in PyTorch.
 *
 * <p>Dropout on the attention weights (PyTorch's {@code dropout} argument) applies in training only.
 *
 * <pre>{@code
 * MultiHeadAttention attn = new MultiHeadAttention(64, 8, true, new Generator(0));
 * Tensor y = attn.forward(x);                              // self-attention, x [B, T, 64]
 * Tensor z = attn.forward(q, memory, memory, pad, false);  // cross-attention; pad [B, S], true = padding
 * }</pre>
 */
public class MultiHeadAttention extends Module {
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;
    private final int embedDim;
    private final int numHeads;
    private final double dropout;
    /** Attention-dropout masks; null: {@link Init#defaultGenerator()} at each call. */
    private final Generator dropoutGen;

    /**
     * @param dropout probability of dropping an attention weight in training, in [0, 1)
     * @param gen draws the initial weights, and later the attention-dropout masks
     */
    public MultiHeadAttention(int embedDim, int numHeads, boolean bias, double dropout, Generator gen) {
        if (embedDim <= 0 || numHeads <= 0 || embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: embed_dim must be a positive multiple of"
                    + " num_heads, got embed_dim=" + embedDim + ", num_heads=" + numHeads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + dropout);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.dropoutGen = gen;
        this.inProjWeight = Tensor.zeros(DType.F32, 3 * embedDim, embedDim).requiresGrad(true);
        this.inProjBias = bias ? Tensor.zeros(DType.F32, 3 * embedDim).requiresGrad(true) : null;
        // PyTorch builds out_proj first (Linear's default init), then resets: xavier on in_proj, zero biases.
        this.outProj = new Linear(embedDim, embedDim, bias, gen);
        Init.xavierUniform(inProjWeight, gen);
        if (bias) {
            Init.zeros(outProj.bias());
        }
    }

    /** Without attention dropout. */
    public MultiHeadAttention(int embedDim, int numHeads, boolean bias, Generator gen) {
        this(embedDim, numHeads, bias, 0.0, gen);
    }

    /** With biases, without attention dropout. */
    public MultiHeadAttention(int embedDim, int numHeads, Generator gen) {
        this(embedDim, numHeads, true, gen);
    }

    /** With biases, without attention dropout, drawn from {@link Init#defaultGenerator()}. */
    public MultiHeadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, true, Init.defaultGenerator());
    }

    /** Self-attention without masks: {@code forward(x, x, x, null, false)}. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, x, x, null, false);
    }

    /** Self-attention: {@code forward(x, x, x, keyPaddingMask, causal)}. */
    public Tensor forward(Tensor x, Tensor keyPaddingMask, boolean causal) {
        return forward(x, x, x, keyPaddingMask, causal);
    }

    /**
     * Attention of {@code query [B, T, E]} over {@code key [B, S, E]} and {@code value [B, S, E]}; returns
     * {@code [B, T, E]}.
     *
     * @param keyPaddingMask BOOL {@code [B, S]}, true where a key is padding to ignore; may be null
     * @param causal whether query {@code i} may only see keys {@code j <= i}
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean causal) {
        return forward(query, key, value, keyPaddingMask, null, causal);
    }

    /**
     * As {@link #forward(Tensor, Tensor, Tensor, Tensor, boolean)} with a float attention mask {@code [T, S]} added
     * to every head's scores before the softmax (PyTorch's float {@code attn_mask}: 0 keeps a score, -inf removes
     * it, other values bias it), or null.
     *
     * <pre>{@code
     * Tensor out = mha.forward(x, x, x, null, distancePenalty, false);   // distancePenalty [T, T], float
     * }</pre>
     */
    public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
                          boolean causal) {
        checkShapes(query, key, value, keyPaddingMask);
        if (attnMask != null && (!attnMask.dtype().isFloating() || attnMask.rank() != 2
                || attnMask.size(0) != query.size(1) || attnMask.size(1) != key.size(1))) {
            throw new IllegalArgumentException("MultiHeadAttention(" + extraRepr() + "): expected a float attention"
                    + " mask [T, S] = [" + query.size(1) + ", " + key.size(1) + "], got " + attnMask.dtype() + " "
                    + attnMask.shape());
        }
        int b = query.size(0);
        int t = query.size(1);
        int s = key.size(1);
        Tensor q = heads(project(query, 0), b, t);
        Tensor k = heads(project(key, 1), b, s);
        Tensor v = heads(project(value, 2), b, s);
        Tensor keep = keyPaddingMask == null ? null : keyPaddingMask.logicalNot().reshape(b, 1, 1, s);
        Tensor attended = attend(q, k, v, keep, attnMask, causal);            // [B, H, T, D]
        return outProj.forward(attended.transpose(1, 2).reshape(b, t, embedDim));
    }

    /**
     * The attention weights themselves, per head: {@code softmax(q k^T / sqrt(d))} with the masks applied,
     * {@code [B, H, T, S]} (PyTorch's {@code need_weights=True, average_attn_weights=False}, without dropout): row
     * {@code t} of head {@code h} says how much query {@code t} draws on each key. For looking inside a model
     * (attention heatmaps); {@link #forward} does not need them.
     *
     * <pre>{@code
     * Tensor w = mha.attentionWeights(x, x, null, true);   // [B, H, T, T], rows sum to 1, zero above the diagonal
     * }</pre>
     */
    public Tensor attentionWeights(Tensor query, Tensor key, Tensor keyPaddingMask, boolean causal) {
        checkShapes(query, key, key, keyPaddingMask);
        int b = query.size(0);
        Tensor q = heads(project(query, 0), b, query.size(1));
        Tensor k = heads(project(key, 1), b, key.size(1));
        Tensor keep = keyPaddingMask == null ? null : keyPaddingMask.logicalNot().reshape(b, 1, 1, key.size(1));
        return maskedScores(q, k, keep, null, causal).softmax(-1);
    }

    /**
     * {@code q k^T / sqrt(d)} plus the float mask, with -inf where the causal mask or {@code keep} (true = may
     * attend) forbids: the scores before the softmax, for the unfused path and for {@link #attentionWeights}.
     */
    private static Tensor maskedScores(Tensor q, Tensor k, Tensor keep, Tensor attnMask, boolean causal) {
        Tensor scores = q.matmul(k.transpose(-1, -2)).div(Math.sqrt(q.size(-1)));
        if (attnMask != null) {
            scores = scores.add(attnMask);
        }
        Tensor minusInf = Tensor.of(scores.creation().scalar(Double.NEGATIVE_INFINITY, scores.dtype()));
        if (causal) {
            Tensor row = Tensor.of(scores.creation().arange(0, q.size(-2), 1, DType.I64).reshape(q.size(-2), 1));
            Tensor col = Tensor.of(scores.creation().arange(0, k.size(-2), 1, DType.I64).reshape(1, k.size(-2)));
            scores = Tensor.where(col.le(row), scores, minusInf);
        }
        if (keep != null) {
            scores = Tensor.where(keep, scores, minusInf);
        }
        return scores;
    }

    /** {@code x W_i^T + b_i} with block {@code i} (0 = query, 1 = key, 2 = value) of the packed projection. */
    private Tensor project(Tensor x, int i) {
        Tensor w = inProjWeight.narrow(0, i * embedDim, embedDim);
        Tensor bias = inProjBias == null ? null : inProjBias.narrow(0, i * embedDim, embedDim);
        return x.linear(w, bias);
    }

    /** {@code [B, L, E] -> [B, H, L, D]}. */
    private Tensor heads(Tensor x, int b, int length) {
        return x.reshape(b, length, numHeads, embedDim / numHeads).transpose(1, 2);
    }

    private Tensor attend(Tensor q, Tensor k, Tensor v, Tensor keep, Tensor attnMask, boolean causal) {
        if (attnMask == null && (dropout == 0 || !isTraining())) {
            return q.scaledDotProductAttention(k, v, keep, causal);
        }
        // PyTorch drops attention weights after the softmax and adds a float mask before it, which the fused op
        // has no place for.
        Tensor weights = maskedScores(q, k, keep, attnMask, causal).softmax(-1);
        if (dropout > 0 && isTraining()) {
            Generator gen = dropoutGen != null ? dropoutGen : Init.defaultGenerator();
            weights = weights.dropout(dropout, true, gen);
        }
        return weights.matmul(v);
    }

    private void checkShapes(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask) {
        boolean ok = query.rank() == 3 && key.rank() == 3 && value.rank() == 3
                && query.size(2) == embedDim && key.size(2) == embedDim && value.size(2) == embedDim
                && key.size(0) == query.size(0) && value.size(0) == query.size(0) && key.size(1) == value.size(1);
        if (!ok) {
            throw new IllegalArgumentException("MultiHeadAttention(" + extraRepr() + "): expected query [B, T, "
                    + embedDim + "], key and value [B, S, " + embedDim + "], got query " + query.shape() + ", key "
                    + key.shape() + ", value " + value.shape());
        }
        if (keyPaddingMask != null && (keyPaddingMask.dtype() != DType.BOOL || keyPaddingMask.rank() != 2
                || keyPaddingMask.size(0) != key.size(0) || keyPaddingMask.size(1) != key.size(1))) {
            throw new IllegalArgumentException("MultiHeadAttention(" + extraRepr() + "): expected a BOOL key padding"
                    + " mask [B, S] = [" + key.size(0) + ", " + key.size(1) + "] (true = ignore), got "
                    + keyPaddingMask.dtype() + " " + keyPaddingMask.shape());
        }
    }

    /** The packed query/key/value projection {@code [3E, E]}. */
    public Tensor inProjWeight() {
        return inProjWeight;
    }

    /** The packed projection bias {@code [3E]}, or null without bias. */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /** The output projection. */
    public Linear outProj() {
        return outProj;
    }

    public int embedDim() {
        return embedDim;
    }

    public int numHeads() {
        return numHeads;
    }

    @Override
    protected String extraRepr() {
        return "embed_dim=" + embedDim + ", num_heads=" + numHeads + ", bias=" + (inProjBias != null)
                + (dropout > 0 ? ", dropout=" + dropout : "");
    }
}
