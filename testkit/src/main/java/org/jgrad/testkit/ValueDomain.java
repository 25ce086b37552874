package org.jgrad.testkit;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The values an op input is sampled from: a range, a grid, points to keep away from, and optional special
 * values (NaN, infinities) mixed in rarely.
 *
 * <p>Every value a domain produces is exactly representable in float32: values are {@code k * step} for an
 * integer {@code k} that jqwik draws (so failures shrink towards small {@code k}, that is towards 0 or the
 * bound nearest 0), then rounded to float. An F32 and an F64 tensor made from the same values therefore hold
 * identical numbers, and a float32 backend can be compared with the float64 reference on equal inputs.
 *
 * <p>"Kink avoiding" domains keep values at least {@code margin} away from given points: 0 for
 * {@code log}, {@code sqrt}, {@code reciprocal} and {@code abs}, and so on. A value that lands too close is
 * pushed out to {@code point ± margin}.
 *
 * <pre>{@code
 * ValueDomain any = ValueDomain.uniform(-4, 4);                 // grid step 2^-10
 * ValueDomain logArg = ValueDomain.uniform(0.05, 8);            // strictly positive
 * ValueDomain noZero = ValueDomain.uniform(-4, 4).avoiding(0.25, 0);
 * ValueDomain ties = ValueDomain.grid(-2, 2, 0.5);              // few distinct values: ties are common
 * ValueDomain withNaN = ValueDomain.uniform(-3, 3).withSpecials(Double.NaN, Double.POSITIVE_INFINITY);
 * Arbitrary<double[]> xs = any.arrays(6);
 * }</pre>
 */
public final class ValueDomain {
    /** The default grid step, 2^-10: fine enough to look continuous, coarse enough to stay exact in float32. */
    public static final double DEFAULT_STEP = 0x1p-10;

    private final double low;
    private final double high;
    private final double step;
    private final double margin;
    private final double[] avoid;
    private final double[] specials;

    private ValueDomain(double low, double high, double step, double margin, double[] avoid, double[] specials) {
        if (!(low <= high) || !(step > 0)) {
            throw new IllegalArgumentException("ValueDomain: need low <= high and step > 0, got [" + low + ", " + high
                    + "] step " + step);
        }
        if (Math.max(Math.abs(low), Math.abs(high)) / step >= 0x1p24) {
            throw new IllegalArgumentException("ValueDomain: [" + low + ", " + high + "] with step " + step
                    + " has grid points that float32 cannot hold exactly (need |value| / step < 2^24)");
        }
        this.low = low;
        this.high = high;
        this.step = step;
        this.margin = margin;
        this.avoid = avoid;
        this.specials = specials;
    }

    /** Values in {@code [low, high]} on the default grid ({@link #DEFAULT_STEP}). */
    public static ValueDomain uniform(double low, double high) {
        return new ValueDomain(low, high, DEFAULT_STEP, 0, new double[0], new double[0]);
    }

    /** Values {@code k * step} in {@code [low, high]}; a coarse grid makes ties and exact equalities common. */
    public static ValueDomain grid(double low, double high, double step) {
        return new ValueDomain(low, high, step, 0, new double[0], new double[0]);
    }

    /** Whole numbers in {@code [low, high]}: for integer dtypes, counts and indices. */
    public static ValueDomain integers(long low, long high) {
        return grid(low, high, 1);
    }

    /** Only 0 and 1: masks for {@code where} and the logical ops. */
    public static ValueDomain booleans() {
        return grid(0, 1, 1);
    }

    /** This domain, with values kept at least {@code margin} away from each of {@code points}. */
    public ValueDomain avoiding(double margin, double... points) {
        if (!(margin > 0)) {
            throw new IllegalArgumentException("avoiding: margin must be positive, got " + margin);
        }
        double[] all = Arrays.copyOf(avoid, avoid.length + points.length);
        System.arraycopy(points, 0, all, avoid.length, points.length);
        return new ValueDomain(low, high, step, Math.max(this.margin, margin), all, specials);
    }

    /** This domain, with the given special values (NaN, infinities, -0.0, ...) mixed in about 1 time in 16. */
    public ValueDomain withSpecials(double... values) {
        return new ValueDomain(low, high, step, margin, avoid, values.clone());
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** The grid step. */
    public double step() {
        return step;
    }

    /** The points values keep away from (empty when none). */
    public double[] avoided() {
        return avoid.clone();
    }

    /** How far values keep from {@link #avoided()} points. */
    public double margin() {
        return margin;
    }

    /** True when the domain may produce NaN or infinities. */
    public boolean hasSpecials() {
        return specials.length > 0;
    }

    /** True when {@code v} is a value this domain can produce. */
    public boolean contains(double v) {
        for (double s : specials) {
            if (Double.compare(s, v) == 0) {
                return true;
            }
        }
        if (!(v >= low && v <= high) || (double) (float) v != v) {
            return false;
        }
        for (double p : avoid) {
            if (Math.abs(v - p) < margin) {
                return false;
            }
        }
        return true;
    }

    /** One value. */
    public Arbitrary<Double> values() {
        long kLow = (long) Math.ceil(low / step);
        long kHigh = (long) Math.floor(high / step);
        Arbitrary<Double> regular = Arbitraries.longs().between(kLow, kHigh).map(k -> keepAway(k * step));
        if (specials.length == 0) {
            return regular;
        }
        List<Double> sp = Arrays.stream(specials).boxed().toList();
        return Arbitraries.frequencyOf(Tuple.of(15, regular), Tuple.of(1, Arbitraries.of(sp)));
    }

    /** {@code n} values. */
    public Arbitrary<double[]> arrays(int n) {
        return values().list().ofSize(n).map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Pushes {@code v} out of every avoided neighbourhood, staying inside the range where possible. */
    private double keepAway(double v) {
        for (int round = 0; round < avoid.length + 1; round++) {
            boolean moved = false;
            for (double p : avoid) {
                if (Math.abs(v - p) < margin) {
                    double up = p + margin;
                    double down = p - margin;
                    boolean preferUp = v >= p ? up <= high : !(down >= low);
                    v = preferUp ? up : down;
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
        }
        return (float) v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[" + low + ", " + high + "] step " + step);
        if (avoid.length > 0) {
            sb.append(" avoiding ").append(Arrays.toString(avoid)).append(" by ").append(margin);
        }
        if (specials.length > 0) {
            sb.append(" with specials ").append(Arrays.toString(specials));
        }
        return sb.toString();
    }
}
