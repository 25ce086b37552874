package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * One entry of the op list: everything the generic properties need to test an op on any backend, dtype and
 * layout. A small cousin of PyTorch's {@code OpInfo}; its autograd counterpart, with gradients and expected
 * errors, is {@link org.jgrad.testkit.grad.GradOp}. The properties stay generic over the list.
 *
 * <pre>{@code
 * CoreOp softplus = CoreOp.builder("softplus", OpKind.UNARY)
 *         .covers("softplus(NDArray)")
 *         .domains(ValueDomain.uniform(-6, 6))
 *         .samples(ElementwiseSamples.unary())
 *         .call(OpCall.single(c -> c.in(0).exp().add(1.0).log()))
 *         .tolerance(Tolerance.conditioned(8, "|x|", c -> c.input(0).abs()))
 *         .reference(HostReference.unary(x -> Math.log1p(Math.exp(x)), true))
 *         .build();
 * List<CoreOp> mine = CoreOps.with(softplus);     // run the testkit's properties over your own ops too
 * }</pre>
 *
 * @param name      a unique name, PyTorch style; variants after a dot ({@code add.scalar})
 * @param kind      the op family
 * @param covers    the public API signatures this entry exercises, as {@link Coverage} spells them
 * @param dtypes    dtypes the data operands may take
 * @param domains   the value domain of each data operand, in order
 * @param space     how samples are generated from the domains
 * @param call      calls the op
 * @param tolerance how far a backend may be from the reference
 * @param reference an independent host implementation (PyTorch OpInfo's {@code ref}), or null
 * @param skips     generic checks this entry opts out of, each with its reason
 */
public record CoreOp(String name, OpKind kind, List<String> covers, Set<DType> dtypes, List<ValueDomain> domains,
        SampleSpace space, OpCall call, Tolerance tolerance, HostReference reference, Map<Check, String> skips) {

    public CoreOp {
        covers = List.copyOf(covers);
        dtypes = Collections.unmodifiableSet(dtypes.isEmpty() ? EnumSet.noneOf(DType.class) : EnumSet.copyOf(dtypes));
        domains = List.copyOf(domains);
        skips = Collections.unmodifiableMap(skips.isEmpty() ? new EnumMap<>(Check.class) : new EnumMap<>(skips));
    }

    public static Builder builder(String name, OpKind kind) {
        return new Builder(name, kind);
    }

    /** Samples within {@code sizes}, drawn from this entry's domains. */
    public Arbitrary<SampleInput> samples(SampleSizes sizes) {
        return space.samples(sizes, domains);
    }

    /** Materialises {@code sample} on {@code backend} (data operands in {@code dataType}) and runs the op. */
    public List<NDArray> run(SampleInput sample, Backend backend, DType dataType) {
        return call.apply(new CallContext(sample.materialize(backend, dataType), sample, backend, dataType));
    }

    /** True when this entry opts out of {@code check}. */
    public boolean skips(Check check) {
        return skips.containsKey(check);
    }

    /** A copy with another call: for variants, and for planting a bug to see a property fail. */
    public CoreOp withCall(OpCall other) {
        return new CoreOp(name, kind, covers, dtypes, domains, space, other, tolerance, reference, skips);
    }

    /** A copy with other value domains (e.g. farther from kinks for a gradient check). */
    public CoreOp withDomains(List<ValueDomain> other) {
        return new CoreOp(name, kind, covers, dtypes, other, space, call, tolerance, reference, skips);
    }

    /**
     * A twin of this entry: same samples, dtypes, tolerance and host reference, with another name, coverage
     * and call (an {@code out=} or in-place form that must compute the same thing).
     */
    public CoreOp twin(String otherName, List<String> otherCovers, Set<DType> otherDtypes, OpCall otherCall) {
        return new CoreOp(otherName, kind, otherCovers, otherDtypes, domains, space, otherCall, tolerance, reference,
                skips);
    }

    /** A copy with another name. */
    public CoreOp named(String other) {
        return new CoreOp(other, kind, covers, dtypes, domains, space, call, tolerance, reference, skips);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link CoreOp}; name, kind, samples and call are required. */
    public static final class Builder {
        private final String name;
        private final OpKind kind;
        private final List<String> covers = new ArrayList<>();
        private Set<DType> dtypes = EnumSet.of(DType.F32, DType.F64);
        private List<ValueDomain> domains = List.of();
        private SampleSpace space;
        private OpCall call;
        private Tolerance tolerance = Tolerance.exact();
        private HostReference reference;
        private final Map<Check, String> skips = new EnumMap<>(Check.class);

        private Builder(String name, OpKind kind) {
            this.name = name;
            this.kind = kind;
        }

        /** Public signatures this entry exercises, e.g. {@code "add(NDArray)"}. */
        public Builder covers(String... signatures) {
            covers.addAll(List.of(signatures));
            return this;
        }

        /** Data dtypes the op accepts (default F32 and F64). */
        public Builder dtypes(DType... types) {
            dtypes = EnumSet.copyOf(List.of(types));
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

        public Builder call(OpCall c) {
            call = c;
            return this;
        }

        /** Default {@link Tolerance#exact()}. */
        public Builder tolerance(Tolerance t) {
            tolerance = t;
            return this;
        }

        /** An independent host implementation the reference backend is checked against. */
        public Builder reference(HostReference r) {
            reference = r;
            return this;
        }

        /** Opts out of a generic check, saying why. */
        public Builder skip(Check check, String reason) {
            skips.put(check, reason);
            return this;
        }

        public CoreOp build() {
            if (space == null || call == null) {
                throw new IllegalStateException("CoreOp " + name + ": samples and call are required");
            }
            return new CoreOp(name, kind, covers, dtypes, domains, space, call, tolerance, reference, skips);
        }
    }
}
