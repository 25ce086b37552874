package org.jgrad.core;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.ops.BinaryOp;

/** Front-end logic of elementwise ops: device check, dtype promotion, broadcasting, then one kernel call. */
final class Elementwise {
    private Elementwise() {
    }

    static NDArray binary(String name, BinaryOp op, NDArray a, NDArray b) {
        Backend backend = sameBackend(name, a, b);
        DType common = DType.promote(a.dtype(), b.dtype());
        if (common == DType.BOOL && !op.isComparison() && op != BinaryOp.MAX && op != BinaryOp.MIN) {
            throw new IllegalArgumentException(name + ": not defined for two bool tensors (shapes " + a.shape()
                    + " and " + b.shape() + "); cast with to(DType) first");
        }
        if (op == BinaryOp.DIV) {
            common = common.toFloating();
        }
        Shape out = Broadcasting.broadcastShapes(name, a.shape(), b.shape());
        NDArray x = a.to(common).expand(out.toArray());
        NDArray y = b.to(common).expand(out.toArray());
        return NDArray.dense(backend.binary(op, x.storage(), x.view(), y.storage(), y.view()), out);
    }

    static NDArray where(NDArray cond, NDArray a, NDArray b) {
        Backend backend = sameBackend("where", cond, a);
        sameBackend("where", a, b);
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: condition must be a bool tensor but is " + cond.dtype()
                    + " of shape " + cond.shape());
        }
        Shape out = Broadcasting.broadcastShapes("where", cond.shape(),
                Broadcasting.broadcastShapes("where", a.shape(), b.shape()));
        DType common = DType.promote(a.dtype(), b.dtype());
        NDArray c = cond.expand(out.toArray());
        NDArray x = a.to(common).expand(out.toArray());
        NDArray y = b.to(common).expand(out.toArray());
        return NDArray.dense(backend.where(c.storage(), c.view(), x.storage(), x.view(), y.storage(), y.view()), out);
    }

    /**
     * A rank-0 operand for a Java number, typed as PyTorch types a Python scalar: it takes the tensor's
     * dtype, except that a floating literal next to an integer or bool tensor gives F32, and an integer
     * literal next to a bool tensor gives I64.
     */
    static NDArray scalarLike(NDArray t, double value, boolean floatingLiteral) {
        DType dtype = t.dtype();
        if (floatingLiteral && !dtype.isFloating()) {
            dtype = DType.F32;
        } else if (!floatingLiteral && dtype == DType.BOOL) {
            dtype = DType.I64;
        }
        return new Creation(t.backend()).scalar(value, dtype);
    }

    static Backend sameBackend(String op, NDArray a, NDArray b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": operands are on different backends, '" + a.backend().name()
                    + "' and '" + b.backend().name() + "'; move one with to(backend) first");
        }
        return a.backend();
    }
}
