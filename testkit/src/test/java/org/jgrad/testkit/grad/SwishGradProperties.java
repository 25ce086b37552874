package org.jgrad.testkit.grad;

import java.util.List;
import org.jgrad.testkit.ElementwiseSamples;
import org.jgrad.testkit.HostReference;
import org.jgrad.testkit.ValueDomain;

/** The README's example of a user's own op run through the database's properties (it must stay green). */
class SwishGradProperties extends GradOpProperties {
    @Override
    protected List<GradOp> ops() {
        return List.of(GradOp.builder("swish")
                .domains(ValueDomain.uniform(-4, 4))
                .samples(ElementwiseSamples.unary())
                .call(GradCall.single(c -> c.in(0).mul(c.in(0).sigmoid())))
                .reference(HostReference.unary(x -> x / (1 + Math.exp(-x)), true))
                .build());
    }
}
