package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import org.jgrad.testkit.HostReference;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.SampleSizes;
import org.jgrad.testkit.SampleSpace;
import org.jgrad.testkit.ValueDomain;

/**
 * One entry of the autograd op database, PyTorch {@code OpInfo}-like: how to sample the op, how to call it,
 * its float64 reference, its tolerances and the bad inputs it must reject. The generic properties
 * ({@link GradChecks}) run over a list of entries, so one entry is all an op needs to be gradchecked,
 * gradgradchecked, compared across backends and tested for errors.
 *
 * <pre>{@code
 * GradOp swish = GradOp.builder("swish")
 *         .domains(ValueDomain.uniform(-4, 4))
 *         .samples(ElementwiseSamples.unary())
 *         .call(GradCall.single(c -> c.in(0).mul(c.in(0).sigmoid())))
 *         .reference(HostReference.unary(x -> x / (1 + Math.exp(-x)), true))
 *         .build();
 * List<GradOp> mine = GradOps.with(swish);     // the database plus your op
 * }</pre>
 *
 * @param name          unique, PyTorch style; variants after a dot ({@code mean.axes})
 * @param covers        the {@code Tensor} methods this entry exercises, as {@link GradCoverage} spells them
 * @param domains       value domain of each data operand, in order (kinks kept out)
 * @param space         how samples are generated (shapes, broadcasting, keyword arguments)
 * @param call          calls the op
 * @param reference     an independent float64 host implementation of the forward, or null
 * @param gradcheck     eps and tolerances of {@link GradCheck} for this op
 * @param float32       tolerance of the float32-backend vs float64-reference comparison
 * @param constants     operand indices of data operands that never require grad (running statistics, ...)
 * @param forwardOnly   output indices that are not differentiable (values updated under no-grad)
 * @param expandedViews false when inputs must not be stride-0 views (they repeat values, making ties)
 * @param errors        calls the op must reject
 * @param skips         generic properties this entry opts out of, each with its reason
 */
public record GradOp(String name, List<String> covers, List<ValueDomain> domains, SampleSpace space, GradCall call,
        HostReference reference, GradCheck.Options gradcheck, Float32Tolerance float32, Set<Integer> constants,
        Set<Integer> forwardOnly, boolean expandedViews, List<ErrorCase> errors, Map<GradProperty, String> skips) {

    public GradOp {
        covers = List.copyOf(covers);
        domains = List.copyOf(domains);
        constants = Collections.unmodifiableSet(new TreeSet<>(constants));
        forwardOnly = Collections.unmodifiableSet(new TreeSet<>(forwardOnly));
        errors = List.copyOf(errors);
        skips = Collections.unmodifiableMap(skips.isEmpty() ? new EnumMap<>(GradProperty.class)
                : new EnumMap<>(skips));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Samples within {@code sizes}. */
    public Arbitrary<SampleInput> samples(SampleSizes sizes) {
        return space.samples(sizes, domains);
    }

    /** True when this entry opts out of {@code property}. */
    public boolean skips(GradProperty property) {
        return skips.containsKey(property) || (property == GradProperty.FORWARD_VS_REFERENCE && reference == null);
    }

    /** The name without its variant ({@code mean} for {@code mean.axes}): what error messages must mention. */
    public String baseName() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** A copy with another call: for planting a bug to see a property fail. */
    public GradOp withCall(GradCall other) {
        return new GradOp(name, covers, domains, space, other, reference, gradcheck, float32, constants, forwardOnly,
                expandedViews, errors, skips);
    }

    /** A copy with another name. */
    public GradOp named(String other) {
        return new GradOp(other, covers, domains, space, call, reference, gradcheck, float32, constants, forwardOnly,
                expandedViews, errors, skips);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link GradOp}; name, samples and call are required. */
    public static final class Builder {
        private final String name;
        private final List<String> covers = new ArrayList<>();
        private List<ValueDomain> domains = List.of();
        private SampleSpace space;
        private GradCall call;
        private HostReference reference;
        private GradCheck.Options gradcheck = GradCheck.Options.DEFAULT;
        private Float32Tolerance float32 = Float32Tolerance.DEFAULT;
        private final Set<Integer> constants = new TreeSet<>();
        private final Set<Integer> forwardOnly = new TreeSet<>();
        private boolean expandedViews = true;
        private final List<ErrorCase> errors = new ArrayList<>();
        private final Map<GradProperty, String> skips = new EnumMap<>(GradProperty.class);

        private Builder(String name) {
            this.name = name;
        }

        /** {@code Tensor} methods this entry exercises, e.g. {@code "softmax(int)"}. */
        public Builder covers(String... signatures) {
            covers.addAll(List.of(signatures));
            return this;
        }

        /** Value domain of each data operand. */
        public Builder domains(ValueDomain... each) {
            domains = List.of(each);
            return this;
        }

        public Builder samples(SampleSpace s) {
            space = s;
            return this;
        }

        public Builder call(GradCall c) {
            call = c;
            return this;
        }

        /** An independent float64 host implementation of the forward. */
        public Builder reference(HostReference r) {
            reference = r;
            return this;
        }

        /** GradCheck settings (default {@link GradCheck.Options#DEFAULT}: eps 1e-6, atol 1e-5, rtol 1e-3). */
        public Builder gradcheck(GradCheck.Options o) {
            gradcheck = o;
            return this;
        }

        /** Float32 tolerance (default {@link Float32Tolerance#DEFAULT}). */
        public Builder float32(Float32Tolerance t) {
            float32 = t;
            return this;
        }

        /** Data operands that never require grad. */
        public Builder constants(Integer... operands) {
            constants.addAll(List.of(operands));
            return this;
        }

        /** Outputs that are not differentiable. */
        public Builder forwardOnly(Integer... outputs) {
            forwardOnly.addAll(List.of(outputs));
            return this;
        }

        /** Keeps stride-0 (expanded) views out of the generated layouts. */
        public Builder noExpandedViews() {
            expandedViews = false;
            return this;
        }

        /** A call the op must reject, with a message containing {@code expected}. */
        public Builder error(String description, java.util.function.Supplier<?> bad, String expected) {
            errors.add(ErrorCase.of(description, bad, expected));
            return this;
        }

        /** A call the op must reject, with a message containing the op's name. */
        public Builder error(String description, java.util.function.Supplier<?> bad) {
            int dot = name.indexOf('.');
            return error(description, bad, dot < 0 ? name : name.substring(0, dot));
        }

        /** Opts out of a generic property, saying why. */
        public Builder skip(GradProperty property, String reason) {
            skips.put(property, reason);
            return this;
        }

        public GradOp build() {
            if (space == null || call == null) {
                throw new IllegalStateException("GradOp " + name + ": samples and call are required");
            }
            return new GradOp(name, covers, domains, space, call, reference, gradcheck, float32, constants,
                    forwardOnly, expandedViews, errors, skips);
        }
    }
}
