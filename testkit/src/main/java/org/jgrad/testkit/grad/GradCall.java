package org.jgrad.testkit.grad;

import java.util.List;
import java.util.function.Function;
import org.jgrad.autograd.Tensor;

/**
 * Calls a differentiable op on its inputs and returns its outputs (most ops have one; {@code split} has
 * several).
 *
 * <pre>{@code
 * GradCall sigmoid = GradCall.single(c -> c.in(0).sigmoid());
 * GradCall sum = GradCall.single(c -> c.in(0).sum(c.ints("axes"), c.flag("keepdim")));
 * GradCall split = c -> c.in(0).split(c.integer("size"), c.integer("dim"));
 * }</pre>
 */
@FunctionalInterface
public interface GradCall {
    List<Tensor> apply(GradContext context);

    /** An op with one output. */
    static GradCall single(Function<GradContext, Tensor> f) {
        return c -> List.of(f.apply(c));
    }
}
