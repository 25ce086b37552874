package org.jgrad.core.backend;

/**
 * An optional op family (SPI v2): optimizer updates fused into one pass over the parameter, its gradient and
 * its state, instead of a dozen elementwise ops with a temporary each. A {@link Backend} may implement it;
 * callers check with {@code instanceof} and otherwise run the composite definition (the same updates as
 * separate elementwise ops, in {@code nn}'s optimizers).
 *
 * <p>Contract: the fused result equals the composite bit for bit. The composite rounds every intermediate
 * to the dtype and takes each number as the dtype (as a scalar operand does), so a kernel performs the same
 * float operations in the same order, with no fused multiply-add and no reassociation. The scalars arrive
 * already derived in double by the caller (bias corrections, step size), so both paths share them.
 *
 * <p>A method returns false, having written nothing, when it cannot serve the call (dtype, layout); all
 * operands must then be left to the composite. The operands are dense storages of equal size holding the
 * whole tensor; the state buffers are distinct from the parameter and the gradient.
 *
 * <pre>{@code
 * if (!(backend instanceof OptimizerKernels k) || !k.adam(p, g, m, v, null, step)) {
 *     compositeAdam(...);
 * }
 * }</pre>
 */
public interface OptimizerKernels {

    /**
     * The numbers of one Adam/AdamW step, in the composite's order of use:
     * <pre>
     *   p = p * decay                                 (AdamW; decay = 1 - lr * weight_decay; 1 for Adam)
     *   g = g + p * l2                                (Adam's weight decay; skipped when l2 == 0)
     *   m = m * beta1 + g * (1 - beta1)
     *   v = v * beta2 + (g * (1 - beta2)) * g
     *   s = amsgrad ? (vmax = max(vmax, v)) : v
     *   p = p + (m * negStepSize) / (sqrt(s) / biasCorrection2Sqrt + eps)
     * </pre>
     */
    record AdamStep(double decay, double l2, double beta1, double oneMinusBeta1, double beta2, double oneMinusBeta2,
                    double biasCorrection2Sqrt, double eps, double negStepSize) {
    }

    /**
     * One Adam/AdamW update of {@code param} (in place) and its state; {@code maxExpAvgSq} is null unless
     * AMSGrad is on. Returns false (nothing written) when this backend cannot serve the call.
     */
    boolean adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, Storage maxExpAvgSq, AdamStep step);

    /**
     * The numbers of one SGD step:
     * <pre>
     *   d = g + p * weightDecay                       (skipped when weightDecay == 0)
     *   buf = first ? d : buf * momentum + d * oneMinusDampening     (when a buffer is given)
     *   d = nesterov ? d + buf * momentum : buf                      (when a buffer is given)
     *   p = p - d * lr
     * </pre>
     */
    record SgdStep(double weightDecay, double momentum, double oneMinusDampening, boolean nesterov, boolean first,
                   double lr) {
    }

    /**
     * One SGD update of {@code param} (in place); {@code momentumBuffer} is null without momentum. Returns false
     * (nothing written) when this backend cannot serve the call.
     */
    boolean sgd(Storage param, Storage grad, Storage momentumBuffer, SgdStep step);
}
