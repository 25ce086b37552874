package org.jgrad.nn.optim;

import java.util.Map;

/**
 * The hyper-parameters of one {@link ParamGroup}: each optimizer has its own immutable {@code Options} record
 * (e.g. {@link SGD.Options}) implementing this, so that groups, schedules and saved states can treat them alike.
 *
 * <pre>{@code
 * SGD.Options o = new SGD.Options(0.1).momentum(0.9);
 * o.lr(0.01);      // a copy with another learning rate
 * o.toMap();       // {lr=0.1, momentum=0.9, dampening=0.0, weightDecay=0.0, nesterov=false}
 * }</pre>
 */
public interface OptimizerOptions {
    /** The learning rate. */
    double lr();

    /** A copy with learning rate {@code lr}; each record narrows the return type to itself. */
    OptimizerOptions lr(double lr);

    /**
     * Checks the values as PyTorch's optimizer constructors do, throwing an {@link IllegalArgumentException}
     * that names the optimizer, the hyper-parameter and the bad value.
     */
    void validate();

    /**
     * The values by PyTorch's names, camelCased ({@code weightDecay}, {@code betas} as a two-element list),
     * in a fixed order; values are {@code Double}, {@code Boolean} or {@code List<Double>}.
     */
    Map<String, Object> toMap();
}
