package org.jgrad.autograd;

import org.jgrad.core.ops.BinaryOp;

/**
 * The gradient rules of the two-input elementwise primitives ({@link Prim#BINARY}), one switch over
 * {@link BinaryOp} per question with no {@code default} (see {@link UnaryRules}). A rule returns one
 * gradient per input, null where the input needs none; the engine sums each back to its input's shape.
 */
final class BinaryRules {
    private BinaryRules() {
    }

    /** True when the rule reads the inputs. */
    static boolean readsInputs(BinaryOp op) {
        return switch (op) {
            case MUL, DIV, MAX, MIN, POW -> true;
            case ADD, SUB, CMPLT, CMPEQ -> false;
        };
    }

    /** True when the rule reads the output. */
    static boolean readsOutput(BinaryOp op) {
        return switch (op) {
            case POW -> true;
            case ADD, SUB, MUL, DIV, MAX, MIN, CMPLT, CMPEQ -> false;
        };
    }

    static Tensor[] backward(BinaryOp op, Node n, Tensor g) {
        boolean wantA = n.needsGrad[0];
        boolean wantB = n.needsGrad[1];
        return switch (op) {
            case ADD -> two(g, g);
            case SUB -> two(g, wantB ? g.neg() : null);
            case MUL -> two(wantA ? g.mul(n.input(1)) : null, wantB ? g.mul(n.input(0)) : null);
            case DIV -> {
                Tensor b = n.input(1);
                yield two(wantA ? g.div(b) : null, wantB ? g.mul(n.input(0)).div(b.mul(b)).neg() : null);
            }
            case MAX, MIN -> {
                Tensor a = n.input(0);
                Tensor b = n.input(1);
                // The winner takes the gradient; a tie splits it in half (as torch.maximum's rule does).
                Tensor wins = op == BinaryOp.MAX ? a.gt(b) : a.lt(b);
                Tensor weightA = Tensor.where(wins, g.scalarLike(1), Tensor.where(a.eq(b), g.scalarLike(0.5),
                        g.scalarLike(0)));
                yield two(g.mul(weightA), g.mul(weightA.neg().add(1.0)));
            }
            case POW -> {
                Tensor a = n.input(0);
                Tensor b = n.input(1);
                Tensor ga = wantA ? g.mul(b).mul(a.pow(b.sub(1.0))) : null;
                // d/db a^b = a^b log a; PyTorch takes it as 0 where a == 0 (the limit for b > 0).
                Tensor gb = null;
                if (wantB) {
                    Tensor safeLog = Tensor.where(a.eq(a.scalarLike(0)), a.scalarLike(1), a).log();
                    gb = Tensor.where(a.eq(a.scalarLike(0)), g.scalarLike(0), g.mul(n.output()).mul(safeLog));
                }
                yield two(ga, gb);
            }
            case CMPLT, CMPEQ -> throw new IllegalStateException(op + " has a BOOL result and is never recorded");
        };
    }

    private static Tensor[] two(Tensor a, Tensor b) {
        return new Tensor[] {a, b};
    }
}
