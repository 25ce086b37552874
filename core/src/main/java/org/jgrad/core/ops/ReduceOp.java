package org.jgrad.core.ops;

/** Primitive reductions over a set of axes. */
public enum ReduceOp {
    /**
     * Sum, in the input's dtype. (The front end, {@code NDArray.sum}, casts BOOL and I32 to I64 first, as
     * PyTorch sums integers in int64; backends never see that promotion.)
     */
    SUM,
    /** Maximum; NaN wins, as in {@code torch.amax}. */
    MAX,
    /** Index (I64) of the first maximum along exactly one axis, as in {@code torch.argmax}. */
    ARGMAX
}
