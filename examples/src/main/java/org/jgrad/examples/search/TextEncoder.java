package org.jgrad.examples.search;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.layers.Embedding;
import org.jgrad.nn.layers.Linear;

/**
 * Text to a vector: token embeddings averaged over the words of each text (padding excluded), then a linear
 * projection into the image vectors' space, where a contrastive loss pulls each description towards its
 * product ({@link InfoNce}).
 *
 * <pre>{@code
 * TextEncoder enc = new TextEncoder(vocab.size(), 64, 64, new Generator(1));
 * Tensor v = enc.forward(vocab.encode(List.of("dark wool coat")));   // [1, 64]
 * }</pre>
 */
public class TextEncoder extends Module {
    private final Embedding tokens;
    private final Linear project;

    public TextEncoder(int vocabulary, int embeddingDim, int outDim, Generator gen) {
        tokens = new Embedding(vocabulary, embeddingDim, Vocabulary.PAD, gen);
        project = new Linear(embeddingDim, outDim, gen);
    }

    /** Ids {@code [B, L]} (I64, 0 = padding) to vectors {@code [B, outDim]}. */
    @Override
    public Tensor forward(Tensor ids) {
        Tensor words = ids.ne(Tensor.scalar(Vocabulary.PAD, DType.I64)).to(DType.F32);       // [B, L]
        Tensor count = words.sum(new int[] {1}, true).maximum(Tensor.scalar(1, DType.F32));  // [B, 1]
        Tensor mean = tokens.forward(ids).sum(new int[] {1}, false).div(count);               // padding rows are 0
        return project.forward(mean);
    }
}
