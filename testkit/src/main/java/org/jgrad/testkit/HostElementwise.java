package org.jgrad.testkit;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * {@link HostReference}s of the elementwise ops: operands are promoted to a common dtype first (PyTorch
 * rules), then floats are computed in double and integers in long (wrapping as Java and C do), and the
 * result is stored in the output dtype.
 */
public final class HostElementwise {
    private HostElementwise() {
    }

    /**
     * erf by composite Simpson quadrature of {@code 2/sqrt(pi) exp(-t^2)} on [0, min(|x|, 6)] with 4096
     * intervals (compensated sum): a different method from core's series and continued fraction, so the two check each other.
     * The integrand's fourth derivative is below 12 here, so the error is under 1e-14; beyond 6 erf is 1 in
     * double precision.
     */
    public static double erfByQuadrature(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double b = Math.min(Math.abs(x), 6);
        int n = 4096;
        double h = b / n;
        // Kahan-compensated, so 4097 terms add up with about one rounding error instead of n.
        double sum = 1 + Math.exp(-b * b);
        double carry = 0;
        for (int i = 1; i < n; i++) {
            double t = i * h;
            double term = (i % 2 == 1 ? 4 : 2) * Math.exp(-t * t) - carry;
            double next = sum + term;
            carry = (next - sum) - term;
            sum = next;
        }
        return Math.copySign(2 / Math.sqrt(Math.PI) * sum * h / 3, x);
    }

    /**
     * A binary op; {@code trueDivision} makes integer operands divide as F32; bool operands raise unless
     * {@code boolOk}.
     */
    public static HostReference binary(DoubleBinaryOperator fd, LongBinaryOperator fl, boolean trueDivision,
            boolean boolOk) {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            return List.of(apply(in.get(0), t, in.get(1), t, fd, fl, trueDivision, boolOk));
        };
    }

    /**
     * A tensor-with-Java-number op: the number is typed as PyTorch types a Python scalar (a floating literal
     * next to an integer or bool tensor is F32, an integer literal next to a bool tensor I64, else the
     * tensor's dtype).
     */
    public static HostReference scalar(DoubleBinaryOperator fd, LongBinaryOperator fl, boolean trueDivision) {
        return (s, t) -> {
            boolean longLiteral = s.has("literal") && s.text("literal").equals("long");
            double value = longLiteral ? (long) s.number("scalar") : s.number("scalar");
            DType st = longLiteral ? (t == DType.BOOL ? DType.I64 : t)
                    : (t == DType.F32 || t == DType.F64 ? t : DType.F32);
            TensorData scalar = TensorData.of(Shape.scalar(), value).as(st);
            return List.of(apply(HostReference.inputs(s, t).get(0), t, scalar, st, fd, fl, trueDivision, true));
        };
    }

    /** A comparison: operands promoted to a common dtype, BOOL result; any comparison with NaN is false except ne. */
    public static HostReference comparison(DoubleBinaryOperator test) {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            return List.of(Expected.of(HostMath.zip(in, a -> test.applyAsDouble(a[0], a[1])), DType.BOOL));
        };
    }

    /** A comparison with a Java double (typed as {@link #scalar} types it). */
    public static HostReference scalarComparison(DoubleBinaryOperator test) {
        return (s, t) -> {
            DType st = t == DType.F32 || t == DType.F64 ? t : DType.F32;
            DType common = HostMath.promote(t, st);
            TensorData x = HostReference.inputs(s, t).get(0).as(common);
            TensorData scalar = TensorData.of(Shape.scalar(), s.number("scalar")).as(st).as(common);
            return List.of(Expected.of(HostMath.zip(List.of(x, scalar), a -> test.applyAsDouble(a[0], a[1])),
                    DType.BOOL));
        };
    }

    /** {@code where(cond, a, b)}. */
    public static HostReference where() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            return List.of(Expected.of(HostMath.zip(in, a -> a[0] != 0 ? a[1] : a[2]), t));
        };
    }

    /** An op on bool masks with a BOOL result ({@code f} sees 0 or 1). */
    public static HostReference logical(java.util.function.Function<double[], Double> f) {
        return (s, t) -> List.of(Expected.of(HostMath.zip(HostReference.inputs(s, t), f), DType.BOOL));
    }

    private static Expected apply(TensorData a, DType ta, TensorData b, DType tb, DoubleBinaryOperator fd,
            LongBinaryOperator fl, boolean trueDivision, boolean boolOk) {
        DType common = HostMath.promote(ta, tb);
        if (common == DType.BOOL && !boolOk) {
            throw new IllegalArgumentException("not defined for two bool tensors");
        }
        DType out = trueDivision ? HostMath.floating(common) : common;
        TensorData x = a.as(out);
        TensorData y = b.as(out);
        TensorData r = out == DType.F32 || out == DType.F64
                ? HostMath.zip(List.of(x, y), v -> fd.applyAsDouble(v[0], v[1]))
                : HostMath.zip(List.of(x, y), v -> HostMath.narrow(fl.applyAsLong((long) v[0], (long) v[1]), out));
        return Expected.of(r, out);
    }

    /** NaN-propagating maximum, as torch.maximum. */
    public static double max(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    /** NaN-propagating minimum, as torch.minimum. */
    public static double min(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
    }
}
