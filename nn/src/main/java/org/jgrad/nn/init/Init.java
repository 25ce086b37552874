package org.jgrad.nn.init;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;

/**
 * Parameter initialisers, as PyTorch's {@code torch.nn.init}: each fills a tensor in place (outside the
 * autograd graph, so parameters that require grad can be filled) and returns it. The random ones draw from
 * an explicit {@link Generator}, so the same seed gives the same values.
 *
 * <pre>{@code
 * Generator gen = new Generator(0);
 * model.apply(m -> {
 *     if (m instanceof Linear l) {
 *         Init.kaimingNormal(l.weight(), gen, 0, FanMode.FAN_IN, Nonlinearity.RELU);
 *         if (l.bias() != null) {
 *             Init.zeros(l.bias());
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>The fans are those of {@link Fans#of}: a weight {@code [out, in, k...]} needs at least 2 dims. A tensor
 * without elements is left as it is.
 */
public final class Init {
    /** PyTorch's default seed ({@code default_rng_seed_val}), so an unseeded program repeats run to run. */
    private static final long DEFAULT_SEED = 67280421310721L;
    private static volatile Generator defaultGenerator = new Generator(DEFAULT_SEED);

    private Init() {
    }

    // ---------------------------------------------------------------- the global generator

    /**
     * The generator that the layers' convenience constructors (those without a {@code Generator}) and
     * {@code Dropout} without one use. Global mutable state, like PyTorch's default generator: prefer the
     * constructors that take an explicit generator. Read it at each use rather than keeping it, because
     * {@link #manualSeed} replaces it. Not thread-safe: threads that build or run models at the same time
     * should each use their own generator.
     */
    public static Generator defaultGenerator() {
        return defaultGenerator;
    }

    /**
     * Restarts the default generator from {@code seed} (PyTorch's {@code torch.manual_seed}).
     *
     * <pre>{@code
     * Init.manualSeed(0);
     * Linear a = new Linear(3, 2);
     * Init.manualSeed(0);
     * Linear b = new Linear(3, 2);   // same weights as a
     * }</pre>
     */
    public static void manualSeed(long seed) {
        defaultGenerator = new Generator(seed);
    }

    // ---------------------------------------------------------------- gains

    /**
     * The recommended gain for a nonlinearity (PyTorch's {@code calculate_gain}); {@code param} is the
     * negative slope of {@link Nonlinearity#LEAKY_RELU} and ignored by the others.
     */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> {
                if (!Double.isFinite(param)) {
                    throw new IllegalArgumentException("Init.calculateGain: the leaky_relu negative slope must be"
                            + " finite, got " + param);
                }
                yield Math.sqrt(2.0 / (1 + param * param));
            }
            case SELU -> 3.0 / 4;
        };
    }

    /** The gain with PyTorch's default parameter (a leaky_relu slope of 0.01). */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    // ---------------------------------------------------------------- Kaiming (He et al. 2015)

    /**
     * {@code U(-b, b)} with {@code b = gain * sqrt(3 / fan)}, {@code gain = calculateGain(nonlinearity, a)}
     * (PyTorch's {@code kaiming_uniform_}); {@code a} is the negative slope for LEAKY_RELU.
     */
    public static Tensor kaimingUniform(Tensor t, Generator gen, double a, FanMode mode, Nonlinearity nonlinearity) {
        double std = kaimingStd("kaimingUniform", t, a, mode, nonlinearity);
        double bound = Math.sqrt(3.0) * std;
        return fillUniform("kaimingUniform", t, gen, -bound, bound);
    }

    /** PyTorch's defaults: {@code a = 0}, FAN_IN, LEAKY_RELU (so gain sqrt(2)). */
    public static Tensor kaimingUniform(Tensor t, Generator gen) {
        return kaimingUniform(t, gen, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    /** {@code N(0, std^2)} with {@code std = gain / sqrt(fan)} (PyTorch's {@code kaiming_normal_}). */
    public static Tensor kaimingNormal(Tensor t, Generator gen, double a, FanMode mode, Nonlinearity nonlinearity) {
        double std = kaimingStd("kaimingNormal", t, a, mode, nonlinearity);
        return fillNormal("kaimingNormal", t, gen, 0, std);
    }

    /** PyTorch's defaults: {@code a = 0}, FAN_IN, LEAKY_RELU. */
    public static Tensor kaimingNormal(Tensor t, Generator gen) {
        return kaimingNormal(t, gen, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
    }

    private static double kaimingStd(String op, Tensor t, double a, FanMode mode, Nonlinearity nonlinearity) {
        long fan = fans(op, t).get(mode);
        return calculateGain(nonlinearity, a) / Math.sqrt(fan);
    }

    // ---------------------------------------------------------------- Xavier / Glorot (2010)

    /** {@code U(-b, b)} with {@code b = gain * sqrt(6 / (fanIn + fanOut))} (PyTorch's {@code xavier_uniform_}). */
    public static Tensor xavierUniform(Tensor t, Generator gen, double gain) {
        double bound = Math.sqrt(3.0) * xavierStd("xavierUniform", t, gain);
        return fillUniform("xavierUniform", t, gen, -bound, bound);
    }

    /** Gain 1. */
    public static Tensor xavierUniform(Tensor t, Generator gen) {
        return xavierUniform(t, gen, 1.0);
    }

    /** {@code N(0, std^2)} with {@code std = gain * sqrt(2 / (fanIn + fanOut))} (PyTorch's {@code xavier_normal_}). */
    public static Tensor xavierNormal(Tensor t, Generator gen, double gain) {
        return fillNormal("xavierNormal", t, gen, 0, xavierStd("xavierNormal", t, gain));
    }

    /** Gain 1. */
    public static Tensor xavierNormal(Tensor t, Generator gen) {
        return xavierNormal(t, gen, 1.0);
    }

    private static double xavierStd(String op, Tensor t, double gain) {
        Fans f = fans(op, t);
        return gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
    }

    // ---------------------------------------------------------------- LeCun

    /**
     * {@code N(0, 1 / fanIn)} (LeCun normal, the SELU initialisation; PyTorch has no such function, and unlike
     * JAX's {@code lecun_normal} this normal is not truncated).
     */
    public static Tensor lecunNormal(Tensor t, Generator gen) {
        Fans f = fans("lecunNormal", t);
        return fillNormal("lecunNormal", t, gen, 0, 1 / Math.sqrt(f.fanIn()));
    }

    // ---------------------------------------------------------------- plain distributions and constants

    /** {@code N(mean, std^2)}, {@code std >= 0} (PyTorch's {@code normal_}). */
    public static Tensor normal(Tensor t, Generator gen, double mean, double std) {
        return fillNormal("normal", t, gen, mean, std);
    }

    /** {@code U(a, b)}, {@code a <= b} (PyTorch's {@code uniform_}). */
    public static Tensor uniform(Tensor t, Generator gen, double a, double b) {
        return fillUniform("uniform", t, gen, a, b);
    }

    /** Every element {@code value}. */
    public static Tensor constant(Tensor t, double value) {
        try (var noGrad = GradMode.noGrad()) {
            return t.fill_(value);
        }
    }

    /** Every element 0. */
    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    /** Every element 1. */
    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    // ---------------------------------------------------------------- plumbing

    private static Fans fans(String op, Tensor t) {
        try {
            return Fans.of(t.shape());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Init." + op + ": " + e.getMessage(), e);
        }
    }

    private static Tensor fillUniform(String op, Tensor t, Generator gen, double a, double b) {
        requireFloating(op, t, gen);
        if (t.numel() == 0) {
            return t;   // nothing to draw, and a zero fan would make the bound infinite (PyTorch skips these too)
        }
        if (!(a <= b) || !Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Init." + op + ": expected finite bounds a <= b, got [" + a + ", "
                    + b + ")");
        }
        return fill(t, t.creation().uniform(gen, a, b, t.dtype(), t.shape().toArray()));
    }

    private static Tensor fillNormal(String op, Tensor t, Generator gen, double mean, double std) {
        requireFloating(op, t, gen);
        if (t.numel() == 0) {
            return t;   // nothing to draw, and a zero fan would make the bound infinite (PyTorch skips these too)
        }
        if (!(std >= 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("Init." + op + ": expected a finite mean and a finite std >= 0, got"
                    + " mean " + mean + ", std " + std);
        }
        return fill(t, t.creation().normal(gen, mean, std, t.dtype(), t.shape().toArray()));
    }

    private static void requireFloating(String op, Tensor t, Generator gen) {
        if (gen == null) {
            throw new NullPointerException("Init." + op + ": the generator is null (use Init.defaultGenerator()"
                    + " for the global one)");
        }
        if (!t.dtype().isFloating()) {
            throw new IllegalArgumentException("Init." + op + ": expected a floating tensor, got " + t.dtype() + " "
                    + t.shape());
        }
    }

    private static Tensor fill(Tensor t, NDArray values) {
        try (var noGrad = GradMode.noGrad()) {
            return t.copy_(Tensor.of(values));
        }
    }
}
