package org.jgrad.autograd;

/**
 * The differentiable primitives the engine records. Every other op is a composite of these, so its
 * gradient comes for free. {@link Derivatives} has one rule per constant, in a switch with no
 * {@code default}: a new primitive does not compile until its gradient exists.
 */
public enum Prim {
    // elementwise, one input
    NEG, EXP, LOG, SIN, COS, SQRT, RECIP, ABS, ERF, SIGMOID, TANH,
    // elementwise, two inputs (broadcasting; the engine sums gradients back to each input's shape)
    ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM, POW,
    /** {@code where(cond, a, b)}; inputs are a and b, cond is a non-differentiable parameter. */
    WHERE,
    // reductions
    SUM, AMAX,
    /** Fused softmax / log-softmax along one dim (params: the dim); their composites are the definitions. */
    SOFTMAX, LOG_SOFTMAX,
    /** Fused layer normalisation without the affine part (params: dims normalised, eps). */
    LAYER_NORM,
    // linear algebra: batched [.., M, K] x [.., K, N]
    MATMUL,
    // indexing (the index is a non-differentiable parameter)
    GATHER, SCATTER_ADD, INDEX_SELECT,
    // movement
    RESHAPE, PERMUTE, EXPAND, SLICE, FLIP,
    /** The adjoint of SLICE: puts its input into a zero tensor at a sliced region. */
    SLICE_EMBED,
    CONCAT, CAST, COPY
}
