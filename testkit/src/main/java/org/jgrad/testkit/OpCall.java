package org.jgrad.testkit;

import java.util.List;
import java.util.function.Function;
import org.jgrad.core.NDArray;

/**
 * Calls an op on materialised inputs and returns its outputs (most ops have one; {@code split} has many).
 *
 * <pre>{@code
 * OpCall exp = OpCall.single(c -> c.in(0).exp());
 * OpCall sum = OpCall.single(c -> c.in(0).sum(c.ints("axes"), c.flag("keepdim")));
 * OpCall split = c -> c.in(0).split(c.integer("size"), c.integer("dim"));
 * }</pre>
 */
@FunctionalInterface
public interface OpCall {
    List<NDArray> apply(CallContext context);

    /** An op with one output. */
    static OpCall single(Function<CallContext, NDArray> f) {
        return c -> List.of(f.apply(c));
    }
}
