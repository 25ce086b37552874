package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.Init;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim} (PyTorch's {@code nn.Embedding}):
 * an integer index tensor of any shape maps to that shape plus {@code [embeddingDim]}. The weight starts as
 * {@code N(0, 1)}. With a padding index, that row starts at zero and never gets a gradient, so it stays
 * whatever it is (e.g. zero) through training.
 *
 * <pre>{@code
 * Embedding tokens = new Embedding(30000, 256, 0, new Generator(0));   // row 0 = padding
 * Tensor h = tokens.forward(ids);                                    // ids [B, T] (I64) -> [B, T, 256]
 * }</pre>
 */
public class Embedding extends Module {
    private final Tensor weight;
    private final int numEmbeddings;
    private final int embeddingDim;
    /** Normalised to [0, numEmbeddings), or null. */
    private final Integer paddingIdx;

    /**
     * @param paddingIdx the padding row, or null for none; negative counts from the end, as in PyTorch
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator gen) {
        if (numEmbeddings <= 0 || embeddingDim <= 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be positive, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        if (paddingIdx != null && (paddingIdx >= numEmbeddings || paddingIdx < -numEmbeddings)) {
            throw new IllegalArgumentException("Embedding(" + numEmbeddings + ", " + embeddingDim + "): padding_idx "
                    + paddingIdx + " is not within [-" + numEmbeddings + ", " + numEmbeddings + ")");
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? null : paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
        this.weight = Tensor.zeros(DType.F32, numEmbeddings, embeddingDim).requiresGrad(true);
        Init.normal(weight, gen, 0, 1);
        if (this.paddingIdx != null) {
            Init.zeros(weight.detach().select(0, this.paddingIdx));
        }
    }

    /** Without a padding index. */
    public Embedding(int numEmbeddings, int embeddingDim, Generator gen) {
        this(numEmbeddings, embeddingDim, null, gen);
    }

    /** Without a padding index, drawn from {@link Init#defaultGenerator()}. */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null, Init.defaultGenerator());
    }

    @Override
    public Tensor forward(Tensor indices) {
        if (!indices.dtype().isIntegral()) {
            throw new IllegalArgumentException("Embedding(" + numEmbeddings + ", " + embeddingDim + "): expected an"
                    + " integer index tensor, got " + indices.dtype() + " " + indices.shape());
        }
        return indices.embedding(weight, paddingIdx == null ? -1 : paddingIdx);
    }

    /** The table {@code [numEmbeddings, embeddingDim]}. */
    public Tensor weight() {
        return weight;
    }

    /** The padding row in {@code [0, numEmbeddings)}, or null. */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
