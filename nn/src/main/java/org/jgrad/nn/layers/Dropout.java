package org.jgrad.nn.layers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.Module;
import org.jgrad.nn.init.Init;

/**
 * Inverted dropout (PyTorch's {@code nn.Dropout}): in training each element is zeroed with probability
 * {@code p} and the survivors scaled by {@code 1 / (1 - p)}, so the expectation is unchanged; in evaluation
 * it is the identity. The masks come from the generator, so a seeded run repeats exactly.
 *
 * <p>{@code p} must lie in {@code [0, 1)}: PyTorch also accepts 1, which zeroes everything and leaves the
 * {@code 1 / (1 - p)} scale undefined; drop the branch instead.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.1, new Generator(0));
 * Tensor h = drop.forward(x);   // training: ~10% zeros, the rest * 1/0.9
 * drop.eval();
 * drop.forward(x);              // x itself
 * }</pre>
 */
public class Dropout extends Module {
    private final double p;
    /** Null: {@link Init#defaultGenerator()} at each call, so {@link Init#manualSeed} applies. */
    private final Generator gen;

    public Dropout(double p, Generator gen) {
        if (gen == null) {
            throw new NullPointerException("Dropout: the generator is null (the constructor without one uses"
                    + " Init.defaultGenerator())");
        }
        this.p = checked(p);
        this.gen = gen;
    }

    /** Masks drawn from {@link Init#defaultGenerator()} (read at each forward). */
    public Dropout(double p) {
        this.p = checked(p);
        this.gen = null;
    }

    private static double checked(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: probability p must be in [0, 1), got " + p);
        }
        return p;
    }

    /** {@code p = 0.5}, PyTorch's default, from the default generator. */
    public Dropout() {
        this(0.5);
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.dropout(p, isTraining(), gen != null ? gen : Init.defaultGenerator());
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
