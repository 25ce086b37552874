package org.jgrad.testkit;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * Host-side elementwise arithmetic with NumPy broadcasting and PyTorch's dtype rules, written without any
 * core code (for {@link HostReference}s).
 */
public final class HostMath {
    private HostMath() {
    }

    /** PyTorch promotion of two tensor dtypes: the higher of {@code BOOL < I32 < I64 < F32 < F64}. */
    public static DType promote(DType a, DType b) {
        List<DType> order = List.of(DType.BOOL, DType.I32, DType.I64, DType.F32, DType.F64);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    /** The dtype an op with a floating result gives: floats stay, integers and bool become F32. */
    public static DType floating(DType t) {
        return t == DType.F64 || t == DType.F32 ? t : DType.F32;
    }

    /** {@code f} applied to every value. */
    public static TensorData map(TensorData x, DoubleUnaryOperator f) {
        double[] v = x.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return new TensorData(x.shape(), v);
    }

    /**
     * {@code f} applied elementwise to inputs broadcast together: {@code f} gets one value per input (in
     * order) and returns the output value.
     */
    public static TensorData zip(List<TensorData> inputs, Function<double[], Double> f) {
        Shape out = BroadcastShapes.broadcast(inputs.stream().map(TensorData::shape).toList());
        double[] result = new double[out.numel()];
        double[] args = new double[inputs.size()];
        for (int flat = 0; flat < result.length; flat++) {
            int[] o = TensorData.multiIndex(out, flat);
            for (int k = 0; k < inputs.size(); k++) {
                args[k] = valueAt(inputs.get(k), o);
            }
            result[flat] = f.apply(args);
        }
        return new TensorData(out, result);
    }

    /** The value of {@code x} at output index {@code o} under broadcasting (aligned right, size-1 dims repeat). */
    public static double valueAt(TensorData x, int[] o) {
        Shape s = x.shape();
        int[] idx = new int[s.rank()];
        int lead = o.length - s.rank();
        for (int d = 0; d < s.rank(); d++) {
            idx[d] = s.dim(d) == 1 ? 0 : o[lead + d];
        }
        return x.get(idx);
    }

    /** Integer power by repeated squaring with wrap-around; negative exponents are an error (as in PyTorch). */
    public static long intPow(long base, long exp) {
        if (exp < 0) {
            throw new ArithmeticException("integers to negative integer powers are not allowed");
        }
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) {
                result *= base;
            }
            base *= base;
            exp >>= 1;
        }
        return result;
    }

    /** Java's truncating narrowing of a long to the integer dtype (wrap-around), as a double. */
    public static double narrow(long v, DType t) {
        return t == DType.I32 ? (int) v : t == DType.BOOL ? (v != 0 ? 1 : 0) : v;
    }
}
