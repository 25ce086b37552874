package org.jgrad.autograd;

/**
 * The differentiable primitives the engine records. Every other op is a composite of these, so its
 * gradient comes for free. {@link Derivatives} has one rule per constant, in switches with no
 * {@code default}: a new primitive does not compile until its gradient exists and it says what it saves.
 * The elementwise ops are two constants parameterised by core's op enums, so a new
 * {@link org.jgrad.core.ops.UnaryOp} or {@link org.jgrad.core.ops.BinaryOp} needs no constant here: the
 * compiler sends it to {@link UnaryRules} / {@link BinaryRules} instead.
 */
public enum Prim {
    /** Elementwise, one input (params: the {@link org.jgrad.core.ops.UnaryOp}); rules in {@link UnaryRules}. */
    UNARY,
    /**
     * Elementwise, two inputs, broadcasting (params: the {@link org.jgrad.core.ops.BinaryOp}); the engine sums
     * gradients back to each input's shape. Rules in {@link BinaryRules}.
     */
    BINARY,
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
