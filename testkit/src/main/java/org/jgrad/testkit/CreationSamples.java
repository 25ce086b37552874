package org.jgrad.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Sample spaces of creation ops: no operands, only arguments (a shape, a value, a seed, ...).
 *
 * <pre>{@code
 * // SampleInput(form=full, shape=[2, 3], value=1.5)
 * SampleSpace f = CreationSamples.full();
 * }</pre>
 */
public final class CreationSamples {
    private CreationSamples() {
    }

    /** {@code form} zeros/ones/full/scalar, {@code shape}, {@code value} (domain 0). */
    public static SampleSpace full() {
        return (sizes, doms) -> Combinators.combine(Arbitraries.of("zeros", "ones", "full", "scalar"),
                        shapeArg(sizes), doms.get(0).values())
                .as((form, shape, v) -> SampleInput.of().with("form", form).with("shape", shape).with("value", v));
    }

    /** {@code n}, {@code m} from 0 to 5. */
    public static SampleSpace eye() {
        return (sizes, doms) -> Combinators.combine(Arbitraries.integers().between(0, 5),
                        Arbitraries.integers().between(0, 5))
                .as((n, m) -> SampleInput.of().with("n", n).with("m", m));
    }

    /** {@code start}, {@code end}, {@code step} (domain 0), at most about 16 values. */
    public static SampleSpace arange() {
        return (sizes, doms) -> Combinators.combine(doms.get(0).values(), Arbitraries.integers().between(0, 16),
                        ValueDomain.grid(0.25, 2, 0.25).values(), Arbitraries.of(1, -1))
                .as((start, count, step, sign) -> SampleInput.of().with("start", start)
                        .with("end", start + sign * step * count - sign * 0.125).with("step", sign * step));
    }

    /** {@code start}, {@code end} (domain 0), {@code steps} 0 to 9. */
    public static SampleSpace linspace() {
        return (sizes, doms) -> Combinators.combine(doms.get(0).values(), doms.get(0).values(),
                        Arbitraries.integers().between(0, 9))
                .as((a, b, n) -> SampleInput.of().with("start", a).with("end", b).with("steps", n));
    }

    /**
     * Random tensors: {@code form} (one of {@code forms}), {@code seed}, {@code shape}, and {@code a},
     * {@code b} (domain 0) as low/high, mean/std or a probability.
     */
    public static SampleSpace random(String... forms) {
        return (sizes, doms) -> Combinators.combine(Arbitraries.of(forms), Arbitraries.longs(), shapeArg(sizes),
                        doms.get(0).values(), doms.get(0).values())
                .as((form, seed, shape, a, b) -> SampleInput.of().with("form", form).with("seed", seed)
                        .with("shape", shape).with("a", Math.min(a, b)).with("b", Math.max(a, b)));
    }

    /** {@code form} "nested" ({@code of(float[][]..)}) or "flat" ({@code of(flat, dtype, shape)}); values: domain 0. */
    public static SampleSpace of() {
        return (sizes, doms) -> Combinators.combine(Arbitraries.of("nested", "flat"),
                        Tensors.data(sizes.shapes(1), doms.get(0)))
                .as((form, d) -> SampleInput.of().with("form", form).with("data", d));
    }

    private static Arbitrary<int[]> shapeArg(SampleSizes sizes) {
        return sizes.shapes().map(s -> s.toArray());
    }
}
