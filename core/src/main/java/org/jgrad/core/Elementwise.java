package org.jgrad.core;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.ops.BinaryOp;

/** Front-end logic of elementwise ops: device check, dtype promotion, broadcasting, then one kernel call. */
final class Elementwise {
    private Elementwise() {
    }

    static NDArray binary(String name, BinaryOp op, NDArray a, NDArray b) {
        return binary(name, op, a, b, null);
    }

    /** {@code op(a, b)} into {@code out}, or into a new array when {@code out} is null. */
    static NDArray binary(String name, BinaryOp op, NDArray a, NDArray b, NDArray out) {
        Backend backend = sameBackend(name, a, b);
        DType common = computeType(name, op, a.dtype(), b.dtype(), a, b);
        Shape shape = Broadcasting.broadcastShapes(name, a.shape(), b.shape());
        NDArray x = a.to(common).expand(shape.toArray());
        NDArray y = b.to(common).expand(shape.toArray());
        DType resultType = op.isComparison() ? DType.BOOL : common;
        if (out == null) {
            return NDArray.dense(backend.binary(op, x.storage(), x.view(), y.storage(), y.view()), shape);
        }
        sameBackend(name, a, out);
        Destinations.check(name, out, shape, resultType);
        if (out.dtype() != resultType || Destinations.clashes(out, x) || Destinations.clashes(out, y)) {
            return Destinations.writeBack(binary(name, op, x, y, null), out);
        }
        backend.binary(op, x.storage(), x.view(), y.storage(), y.view(), out.storage(), out.view());
        return out;
    }

    /**
     * {@code op(a, s)} for a Java number, into {@code out} or a new array. When the number takes {@code a}'s
     * dtype (see {@link #scalarLike}) it goes to the backend as a number; otherwise it becomes a rank-0 array
     * and the tensor path promotes as PyTorch does.
     */
    static NDArray binaryScalar(String name, BinaryOp op, NDArray a, double s, boolean floatingLiteral, NDArray out) {
        DType sd = scalarDType(a.dtype(), floatingLiteral);
        if (sd != a.dtype() || (op == BinaryOp.DIV && !sd.isFloating()) || a.dtype() == DType.BOOL) {
            return binary(name, op, a, scalarLike(a, s, floatingLiteral), out);
        }
        Backend backend = a.backend();
        DType resultType = op.isComparison() ? DType.BOOL : a.dtype();
        if (out == null) {
            return NDArray.dense(backend.binaryScalar(op, a.storage(), a.view(), s), a.shape());
        }
        sameBackend(name, a, out);
        Destinations.check(name, out, a.shape(), resultType);
        if (out.dtype() != resultType || Destinations.clashes(out, a)) {
            return Destinations.writeBack(binaryScalar(name, op, a, s, floatingLiteral, null), out);
        }
        backend.binaryScalar(op, a.storage(), a.view(), s, out.storage(), out.view());
        return out;
    }

    private static DType computeType(String name, BinaryOp op, DType da, DType db, NDArray a, NDArray b) {
        DType common = DType.promote(da, db);
        if (common == DType.BOOL && !op.isComparison() && op != BinaryOp.MAX && op != BinaryOp.MIN) {
            throw new IllegalArgumentException(name + ": not defined for two bool tensors (shapes " + a.shape()
                    + " and " + b.shape() + "); cast with to(DType) first");
        }
        return op == BinaryOp.DIV ? common.toFloating() : common;
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
        return new Creation(t.backend()).scalar(value, scalarDType(t.dtype(), floatingLiteral));
    }

    /** The dtype {@link #scalarLike} gives a literal next to a tensor of {@code dtype}. */
    static DType scalarDType(DType dtype, boolean floatingLiteral) {
        if (floatingLiteral && !dtype.isFloating()) {
            return DType.F32;
        }
        if (!floatingLiteral && dtype == DType.BOOL) {
            return DType.I64;
        }
        return dtype;
    }

    static Backend sameBackend(String op, NDArray a, NDArray b) {
        if (a.backend() != b.backend()) {
            throw new IllegalArgumentException(op + ": operands are on different backends, '" + a.backend().name()
                    + "' and '" + b.backend().name() + "'; move one with to(backend) first");
        }
        return a.backend();
    }
}
