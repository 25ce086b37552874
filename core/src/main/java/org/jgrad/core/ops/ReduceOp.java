package org.jgrad.core.ops;

/** Primitive reductions over a set of axes. */
public enum ReduceOp {
    /** Sum; BOOL and I32 inputs sum to I64, as in PyTorch. */
    SUM,
    /** Maximum; NaN wins, as in {@code torch.amax}. */
    MAX,
    /** Index (I64) of the first maximum along exactly one axis, as in {@code torch.argmax}. */
    ARGMAX
}
