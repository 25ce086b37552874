package org.jgrad.testkit;

import java.util.List;
import net.jqwik.api.Arbitrary;

/**
 * How an op's samples are generated, given size limits and the value domain of each data operand. Kept
 * apart from the domains so that one op can be sampled with other domains (a gradient check wants values
 * farther from kinks than a forward check, for example).
 *
 * <pre>{@code
 * SampleSpace unary = ElementwiseSamples.unary();
 * Arbitrary<SampleInput> s = unary.samples(SampleSizes.DEFAULT, List.of(ValueDomain.uniform(0.1, 4)));
 * }</pre>
 */
@FunctionalInterface
public interface SampleSpace {
    Arbitrary<SampleInput> samples(SampleSizes sizes, List<ValueDomain> domains);
}
