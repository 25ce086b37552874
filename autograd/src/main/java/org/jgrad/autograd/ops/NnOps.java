package org.jgrad.autograd.ops;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;

/**
 * Neural-network functions (PyTorch's {@code torch.nn.functional}), composed from primitives.
 *
 * <pre>{@code
 * Tensor h = x.layerNorm(new int[] {64}, gamma, beta, 1e-5);
 * Tensor a = q.scaledDotProductAttention(k, v, null, true);   // causal self-attention
 * Tensor e = tokenIds.embedding(table, -1);                  // [.., D] rows of the table
 * }</pre>
 */
public interface NnOps {
    Tensor self();

    /**
     * Normalises over the last {@code normalizedShape.length} dims, then scales and shifts (either may be null):
     * the normalisation is a fused primitive, checked against {@link #layerNormComposite} by the op database.
     */
    Tensor layerNorm(int[] normalizedShape, Tensor weight, Tensor bias, double eps);

    /** The definition of {@link #layerNorm}: mean, biased variance, normalise, scale, shift as separate ops. */
    default Tensor layerNormComposite(int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        Tensor x = self();
        checkLayerNorm("layerNormComposite", x, normalizedShape, weight, bias);
        int k = normalizedShape.length;
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = x.rank() - k + i;
        }
        Tensor y = x.sub(x.mean(axes, true)).div(x.var(axes, 0, true).add(eps).sqrt());
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    /** The argument checks of {@link #layerNorm}: shapes of input, weight and bias against the normalized shape. */
    static void checkLayerNorm(String op, Tensor x, int[] normalizedShape, Tensor weight, Tensor bias) {
        int k = normalizedShape.length;
        for (int i = 0; i < k; i++) {
            if (x.rank() < k || x.size(x.rank() - k + i) != normalizedShape[i]) {
                throw new IllegalArgumentException(op + ": input of shape " + x.shape() + " does not end with the"
                        + " normalized shape " + java.util.Arrays.toString(normalizedShape));
            }
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !java.util.Arrays.equals(t.shape().toArray(), normalizedShape)) {
                throw new IllegalArgumentException(op + ": weight and bias must have the normalized shape "
                        + java.util.Arrays.toString(normalizedShape) + ", got " + t.shape());
            }
        }
    }

    /**
     * Batch normalisation over dim 1 (channels) of an {@code [N, C]} or {@code [N, C, L]} input. In training
     * it normalises with the batch statistics (biased variance) and updates the running statistics in place
     * ({@code running = (1 - momentum) running + momentum batch}, with the unbiased variance, as PyTorch);
     * in evaluation it uses the running statistics. Running stats, weight and bias may be null.
     */
    default Tensor batchNorm(Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias, boolean training,
                             double momentum, double eps) {
        Tensor x = self();
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: expected an input of shape [N, C] or [N, C, L], got "
                    + x.shape());
        }
        int[] axes = new int[x.rank() - 1];
        axes[0] = 0;
        for (int d = 2; d < x.rank(); d++) {
            axes[d - 1] = d;
        }
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias}) {
            if (t != null && (t.rank() != 1 || t.size(0) != x.size(1))) {
                throw new IllegalArgumentException("batchNorm: running statistics, weight and bias must have shape ["
                        + x.size(1) + "] (the channels of input " + x.shape() + "), got " + t.shape());
            }
        }
        int[] channelShape = new int[x.rank()];
        java.util.Arrays.fill(channelShape, 1);
        channelShape[1] = x.size(1);
        Tensor mean;
        Tensor var;
        if (training) {
            mean = x.mean(axes, true);
            var = x.var(axes, 0, true);
            if (runningMean != null && runningVar != null) {
                double n = (double) x.numel() / x.size(1);
                try (var scope = GradMode.noGrad()) {
                    Tensor batchMean = mean.detach().reshape(x.size(1));
                    Tensor unbiased = var.detach().reshape(x.size(1)).mul(n / Math.max(n - 1, 1));
                    runningMean.mul_(Scalars.like(runningMean, 1 - momentum))
                            .add_(batchMean.mul(momentum));
                    runningVar.mul_(Scalars.like(runningVar, 1 - momentum)).add_(unbiased.mul(momentum));
                }
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("batchNorm: evaluation mode needs running mean and variance");
            }
            mean = runningMean.reshape(channelShape);
            var = runningVar.reshape(channelShape);
        }
        Tensor y = x.sub(mean).div(var.add(eps).sqrt());
        if (weight != null) {
            y = y.mul(weight.reshape(channelShape));
        }
        return bias == null ? y : y.add(bias.reshape(channelShape));
    }

    /**
     * Divides by the p-norm along {@code dim}, floored at {@code eps} (PyTorch's {@code F.normalize}):
     * {@code x / max(||x||_p, eps)}, so a zero vector stays zero. Cosine similarity of rows is then a matmul:
     * {@code a.normalize(2, 1, 1e-12).matmul(b.normalize(2, 1, 1e-12).transpose(0, 1))}.
     */
    default Tensor normalize(double p, int dim, double eps) {
        Tensor x = self();
        if (!(p > 0) || !(eps > 0)) {
            throw new IllegalArgumentException("normalize: p and eps must be positive, got p=" + p + ", eps=" + eps);
        }
        int d = org.jgrad.core.Shape.normalizeAxis(dim, x.rank(), "normalize");
        return x.div(x.norm(p, new int[] {d}, true).maximum(Scalars.like(x, eps)));
    }

    /**
     * Zeroes each element with probability {@code p} and scales the rest by {@code 1 / (1 - p)} (inverted
     * dropout); the identity when not training. The mask comes from {@code gen}, so runs repeat exactly.
     */
    default Tensor dropout(double p, boolean training, Generator gen) {
        Tensor x = self();
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("dropout: probability must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0.0);
        }
        Tensor keep = Tensor.of(x.creation().bernoulli(gen, 1 - p, x.dtype(), x.shape().toArray()));
        return x.mul(keep).div(1 - p);
    }

    /**
     * Rows of {@code weight} ({@code [numEmbeddings, dim]}) picked by this integer tensor: the result has
     * this tensor's shape plus {@code [dim]}. Rows at {@code paddingIndex} (if >= 0) get no gradient.
     */
    default Tensor embedding(Tensor weight, int paddingIndex) {
        Tensor indices = self();
        if (!indices.dtype().isIntegral()) {
            throw new IllegalArgumentException("embedding: indices must be an integer tensor but are "
                    + indices.dtype() + " of shape " + indices.shape());
        }
        Tensor flat = indices.reshape(-1);
        Tensor rows;
        try {
            rows = weight.indexSelect(0, flat);
        } catch (IndexOutOfBoundsException e) {
            throw new IndexOutOfBoundsException("embedding: an index is out of range for a table of "
                    + weight.size(0) + " rows (" + e.getMessage() + ")");
        }
        if (paddingIndex >= 0) {
            Tensor isPad = flat.eq(Tensor.of(flat.creation().scalar(paddingIndex, flat.dtype()))).unsqueeze(1);
            rows = Tensor.where(isPad, rows.detach(), rows);
        }
        int[] shape = java.util.Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        shape[indices.rank()] = weight.size(1);
        return rows.reshape(shape);
    }

    /**
     * {@code softmax(q k^T / sqrt(d) + mask) v} for {@code q: [.., Tq, d]}, {@code k: [.., Tk, d]},
     * {@code v: [.., Tk, dv]}. {@code keep} (BOOL, broadcastable to {@code [.., Tq, Tk]}, may be null) marks the
     * keys each query may attend to, e.g. a key-padding mask; {@code causal} also hides later keys.
     */
    default Tensor scaledDotProductAttention(Tensor k, Tensor v, Tensor keep, boolean causal) {
        Tensor q = self();
        if (q.rank() < 2 || k.rank() < 2 || v.rank() < 2 || q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException("scaledDotProductAttention: expected q [.., Tq, d], k [.., Tk, d] and"
                    + " v [.., Tk, dv], got " + q.shape() + ", " + k.shape() + " and " + v.shape());
        }
        int d = q.size(-1);
        Tensor scores = q.matmul(k.transpose(-1, -2)).div(Math.sqrt(d));
        Tensor minusInf = Scalars.like(scores, Double.NEGATIVE_INFINITY);
        if (causal) {
            int tq = q.size(-2);
            int tk = k.size(-2);
            // Query i may see keys j <= i (the top-left aligned lower triangle, as PyTorch's is_causal).
            Tensor row = Tensor.of(q.creation().arange(0, tq, 1, DType.I64).reshape(tq, 1));
            Tensor col = Tensor.of(q.creation().arange(0, tk, 1, DType.I64).reshape(1, tk));
            scores = Tensor.where(col.le(row), scores, minusInf);
        }
        if (keep != null) {
            if (keep.dtype() != DType.BOOL) {
                throw new IllegalArgumentException("scaledDotProductAttention: the mask must be BOOL (true = attend)"
                        + " but is " + keep.dtype() + " of shape " + keep.shape());
            }
            scores = Tensor.where(keep, scores, minusInf);
        }
        return scores.softmax(-1).matmul(v);
    }
}
