package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;

/**
 * Sample spaces of elementwise ops: one tensor, broadcasting pairs and triples, tensor-with-scalar.
 *
 * <pre>{@code
 * SampleSpace s = ElementwiseSamples.binary();    // two data operands, broadcast-compatible shapes
 * s.samples(SampleSizes.DEFAULT, List.of(ValueDomain.uniform(-3, 3), ValueDomain.uniform(0.5, 3)));
 * }</pre>
 */
public final class ElementwiseSamples {
    private ElementwiseSamples() {
    }

    /** One data operand of any shape. */
    public static SampleSpace unary() {
        return (sizes, doms) -> Tensors.data(sizes.shapes(), doms.get(0))
                .map(d -> SampleInput.of(Operand.data(d)));
    }

    /** One bool mask of any shape. */
    public static SampleSpace unaryMask() {
        return (sizes, doms) -> Tensors.data(sizes.shapes(), ValueDomain.booleans())
                .map(d -> SampleInput.of(Operand.mask(d)));
    }

    /** Two data operands whose shapes broadcast (domains 0 and 1). */
    public static SampleSpace binary() {
        return (sizes, doms) -> broadcasting(sizes, List.of(Operand.Role.DATA, Operand.Role.DATA),
                List.of(doms.get(0), doms.get(1)));
    }

    /** Two bool masks whose shapes broadcast. */
    public static SampleSpace binaryMask() {
        return (sizes, doms) -> broadcasting(sizes, List.of(Operand.Role.MASK, Operand.Role.MASK),
                List.of(ValueDomain.booleans(), ValueDomain.booleans()));
    }

    /** {@code where(cond, a, b)}: a mask and two data operands (domains 0 and 1), all broadcasting. */
    public static SampleSpace where() {
        return (sizes, doms) -> broadcasting(sizes, List.of(Operand.Role.MASK, Operand.Role.DATA, Operand.Role.DATA),
                List.of(ValueDomain.booleans(), doms.get(0), doms.get(1)));
    }

    /**
     * One data operand (domain 0) with a Java-number argument: {@code scalar} from domain 1, and
     * {@code literal} naming the Java type passed, one of {@code literals} ("double", "long").
     */
    public static SampleSpace scalar(String... literals) {
        return (sizes, doms) -> Combinators.combine(
                Tensors.data(sizes.shapes(), doms.get(0)),
                doms.get(1).values(), Arbitraries.of(literals))
                .as((d, s, lit) -> SampleInput.of(Operand.data(d)).with("scalar", s).with("literal", lit));
    }

    /** Operands of the given roles and domains with broadcast-compatible shapes. */
    public static Arbitrary<SampleInput> broadcasting(SampleSizes sizes, List<Operand.Role> roles,
            List<ValueDomain> domains) {
        return Shapes.broadcastShapes(roles.size(), sizes.maxRank(), sizes.maxNumel(), sizes.maxDim()).flatMap(bs -> {
            List<Arbitrary<Operand>> each = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                Operand.Role role = roles.get(i);
                Shape s = bs.input(i);
                each.add(Tensors.data(s, domains.get(i)).map(d -> new Operand(d, role)));
            }
            return Combinators.combine(each).as(SampleInput::of);
        });
    }
}
