package org.jgrad.testkit;

/** The family of an op: which generic properties apply to it and how its tolerance is reasoned about. */
public enum OpKind {
    /** Makes an array from arguments only (zeros, eye, arange, rand, ...). */
    CREATION,
    /** Elementwise with one tensor input. */
    UNARY,
    /** Elementwise with two tensor inputs that broadcast. */
    BINARY,
    /** Elementwise between a tensor and a Java number. */
    SCALAR,
    /** Elementwise comparison of two broadcasting tensors; BOOL result. */
    COMPARISON,
    /** {@code where(cond, a, b)}: three broadcasting inputs. */
    TERNARY,
    /** Dtype conversion. */
    CAST,
    /** A copy of the values (copy, contiguous). */
    COPY,
    /** Metadata-only views (reshape, permute, slice, ...). */
    MOVEMENT,
    /** Reductions over axes (sum, max, argmax). */
    REDUCTION,
    /** Matrix products. */
    MATMUL,
    /** Index-driven reads and writes (gather, scatterAdd, indexSelect). */
    INDEXING,
    /** concat, stack, split. */
    JOINING;

    /** True for the kinds whose tensor inputs broadcast against each other. */
    public boolean broadcasts() {
        return this == BINARY || this == COMPARISON || this == TERNARY;
    }
}
