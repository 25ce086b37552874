package org.jgrad.core.ops;

/**
 * Primitive elementwise ops of one input. The output has the input's dtype; the front end casts
 * integer inputs to a float type first for the ops that need one ({@link #needsFloat()}).
 */
public enum UnaryOp {
    NEG(false),
    ABS(false),
    EXP(true),
    LOG(true),
    SIN(true),
    COS(true),
    SQRT(true),
    RECIP(true),
    /** The error function; see {@link ErrorFunction}. */
    ERF(true),
    /** The logistic function {@code 1 / (1 + exp(-x))}: one fused op instead of a dozen (issue 8). */
    SIGMOID(true),
    /** The hyperbolic tangent. */
    TANH(true),
    /** Logical not; defined on BOOL only. */
    NOT(false);

    private final boolean needsFloat;

    UnaryOp(boolean needsFloat) {
        this.needsFloat = needsFloat;
    }

    /** The name of the public method that runs the op ({@code reciprocal}, {@code logicalNot}), for error messages. */
    public String methodName() {
        return switch (this) {
            case RECIP -> "reciprocal";
            case NOT -> "logicalNot";
            default -> name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** True when integer inputs are promoted to a float type before the op (as {@code torch.exp(int)}). */
    public boolean needsFloat() {
        return needsFloat;
    }

    /** The op on one float64 value: the specification every backend is tested against. */
    public double apply(double x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case SQRT -> Math.sqrt(x);
            case RECIP -> 1.0 / x;
            case ERF -> ErrorFunction.erf(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case NOT -> x == 0 ? 1 : 0;
        };
    }

    /** The op on one integer value (only for ops without {@link #needsFloat()}). */
    public long applyLong(long x) {
        return switch (this) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case NOT -> x == 0 ? 1 : 0;
            case EXP, LOG, SIN, COS, SQRT, RECIP, ERF, SIGMOID, TANH ->
                    throw new IllegalStateException(this + " is not defined on integers");
        };
    }
}
