package org.jgrad.core.backend;

import org.jgrad.core.View;

/**
 * An optional op family (SPI v2): kernels that fuse what would otherwise be several primitive ops, for the
 * composites that dominate a training step. A {@link Backend} may implement it; the front end checks with
 * {@code instanceof} and otherwise runs the composite definition, which stays the specification: the op
 * database checks each fused kernel against it (forward and, through autograd, backward).
 *
 * <p>A method returns false, having written nothing, when it cannot serve the call (dtype, layout); the
 * caller then runs the composite.
 *
 * <pre>{@code
 * if (!(backend instanceof FusedKernels k) || !k.softmax(x, vx, dim, false, out)) { ...composite... }
 * }</pre>
 */
public interface FusedKernels {
    /**
     * {@code out = softmax(x)} along {@code dim} (or log-softmax when {@code log}), shifted by the row's max
     * for stability; {@code out} is a dense storage of {@code vx}'s shape. Rows are not empty.
     */
    boolean softmax(Storage x, View vx, int dim, boolean log, Storage out);

    /**
     * {@code out = (x - mean) / sqrt(var + eps)} over each run of {@code n} consecutive elements of {@code vx}
     * in row-major order (the last dims, flattened), with the biased variance; {@code out} is a dense storage
     * of {@code vx}'s shape. {@code n > 0}.
     */
    boolean layerNorm(Storage x, View vx, int n, double eps, Storage out);
}
