package org.jgrad.autograd;

import org.jgrad.core.ops.UnaryOp;

/**
 * The gradient rules of the one-input elementwise primitives ({@link Prim#UNARY}). Each question is one
 * switch over {@link UnaryOp} with no {@code default}, so a new op does not compile until it has a rule and
 * says what its rule reads. Rules are written with Tensor ops, as in {@link Derivatives}.
 *
 * <p>Adding an elementwise op: its constant and float64 definition in {@code UnaryOp}, its kernel in the SIMD
 * backend, its three answers here, and one entry in each op database; the compiler points at the first three,
 * the coverage tests at the entries.
 */
final class UnaryRules {
    private UnaryRules() {
    }

    /** True when the rule reads the input {@code x}. */
    static boolean readsInput(UnaryOp op) {
        return switch (op) {
            case LOG, SIN, COS, ABS, ERF -> true;
            case NEG, EXP, SQRT, RECIP, SIGMOID, TANH, NOT -> false;
        };
    }

    /** True when the rule reads the output {@code y}. */
    static boolean readsOutput(UnaryOp op) {
        return switch (op) {
            case EXP, SQRT, RECIP, SIGMOID, TANH -> true;
            case NEG, ABS, LOG, SIN, COS, ERF, NOT -> false;
        };
    }

    /** The input's gradient for output gradient {@code g}. */
    static Tensor backward(UnaryOp op, Node n, Tensor g) {
        return switch (op) {
            case NEG -> g.neg();
            case EXP -> g.mul(n.output());
            case LOG -> g.div(n.input(0));
            case SIN -> g.mul(n.input(0).cos());
            case COS -> g.mul(n.input(0).sin()).neg();
            case SQRT -> g.div(n.output().mul(2.0));
            case RECIP -> {
                Tensor y = n.output();
                yield g.mul(y).mul(y).neg();
            }
            case ABS -> g.mul(sign(n.input(0)));
            case ERF -> {
                Tensor x = n.input(0);
                yield g.mul(x.square().neg().exp().mul(2 / Math.sqrt(Math.PI)));
            }
            case SIGMOID -> {
                Tensor y = n.output();
                yield g.mul(y.mul(y.neg().add(1.0)));          // y (1 - y)
            }
            case TANH -> {
                Tensor y = n.output();
                yield g.mul(y.mul(y).neg().add(1.0));          // 1 - y^2
            }
            case NOT -> throw new IllegalStateException("NOT has a BOOL result and is never recorded");
        };
    }

    /** sign(x) as a constant: 1, -1, or 0 at 0 (so |x| has gradient 0 at its kink, as in PyTorch). */
    private static Tensor sign(Tensor x) {
        Tensor zero = x.scalarLike(0);
        Tensor pos = x.gt(zero).to(x.dtype());
        Tensor neg = x.lt(zero).to(x.dtype());
        return Tensor.of(pos.data().sub(neg.data()));
    }
}
