package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;

/**
 * Linear-algebra composites.
 *
 * <pre>{@code
 * Tensor y = x.linear(w, b);    // x @ w^T + b, with w stored [out, in] as in PyTorch
 * }</pre>
 */
public interface LinalgOps {
    Tensor self();

    /**
     * {@code torch.matmul}: 1-D operands get a temporary unit dim (removed from the result), batch dims
     * broadcast.
     */
    default Tensor matmul(Tensor other) {
        Tensor a = self();
        if (a.rank() == 0 || other.rank() == 0) {
            a.data().matmul(other.data()); // raises the error naming both shapes
        }
        boolean aVector = a.rank() == 1;
        boolean bVector = other.rank() == 1;
        Tensor x = aVector ? a.unsqueeze(0) : a;
        Tensor y = bVector ? other.unsqueeze(1) : other;
        Tensor out = x.matmulBatched(y);
        if (bVector) {
            out = out.squeeze(-1);
        }
        if (aVector) {
            out = out.squeeze(bVector ? -1 : -2);
        }
        return out;
    }

    /** {@code x @ weight^T + bias} with {@code weight} of shape {@code [out, in]}; bias may be null. */
    default Tensor linear(Tensor weight, Tensor bias) {
        Tensor x = self();
        if (weight.rank() != 2 || x.rank() < 1 || x.size(-1) != weight.size(1)
                || (bias != null && (bias.rank() != 1 || bias.size(0) != weight.size(0)))) {
            throw new IllegalArgumentException("linear: expected input [.., in], weight [out, in] and bias [out],"
                    + " got " + x.shape() + ", " + weight.shape() + (bias == null ? "" : " and " + bias.shape()));
        }
        Tensor y = self().matmul(weight.transpose(0, 1));
        return bias == null ? y : y.add(bias);
    }
}
