package org.jgrad.core.ops;

/**
 * Primitive elementwise ops of two inputs of the same dtype (the front end promotes and broadcasts
 * first). Comparisons produce BOOL; the others keep the input dtype.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW,
    /** {@code a < b}, result BOOL. */
    CMPLT,
    /** {@code a == b}, result BOOL. */
    CMPEQ;

    /** The name of the public method that runs the op ({@code maximum}, {@code lt}), used in error messages. */
    public String methodName() {
        return switch (this) {
            case MAX -> "maximum";
            case MIN -> "minimum";
            case CMPLT -> "lt";
            case CMPEQ -> "eq";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** True for the comparisons, whose result is BOOL. */
    public boolean isComparison() {
        return this == CMPLT || this == CMPEQ;
    }

    /** The op on two float64 values: the specification every backend is tested against. */
    public double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            // NaN propagates through max/min, as in torch.maximum.
            case MAX -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            case MIN -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
            case POW -> Math.pow(a, b);
            case CMPLT -> a < b ? 1 : 0;
            case CMPEQ -> a == b ? 1 : 0;
        };
    }

    /**
     * The op on two integers. Division truncates toward zero as in Java and C; the front end uses it
     * only for floor-free integer cases (true division of integers is done in float). Integer division
     * by zero raises, as in PyTorch.
     */
    public long applyLong(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) {
                    throw new ArithmeticException("div: integer division by zero");
                }
                yield a / b;
            }
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case POW -> intPow(a, b);
            case CMPLT -> a < b ? 1 : 0;
            case CMPEQ -> a == b ? 1 : 0;
        };
    }

    private static long intPow(long base, long exp) {
        if (exp < 0) {
            throw new ArithmeticException("pow: integers to negative integer powers are not allowed (base "
                    + base + ", exponent " + exp + ")");
        }
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) == 1) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }
}
