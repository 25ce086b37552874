package org.jgrad.testkit.grad;

import java.util.function.Supplier;

/**
 * A call with bad arguments that an op must reject (PyTorch OpInfo's {@code error_inputs}): it must raise
 * an exception that is not a crash (no NullPointerException, index or class-cast error) and whose message
 * contains {@code expected}, by default the op's name, so a user learns which call failed.
 *
 * <pre>{@code
 * ErrorCase.of("shapes do not broadcast",
 *         () -> GradOps.f64(2, 3).mseLoss(GradOps.f64(3, 2)), "mseLoss");
 * }</pre>
 *
 * @param description what is wrong with the arguments
 * @param call        makes its tensors and calls the op
 * @param expected    text the exception's message must contain
 */
public record ErrorCase(String description, Supplier<?> call, String expected) {

    public static ErrorCase of(String description, Supplier<?> call, String expected) {
        return new ErrorCase(description, call, expected);
    }

    @Override
    public String toString() {
        return description;
    }
}
