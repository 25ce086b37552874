package org.jgrad.nn.optim;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.backend.OptimizerKernels;

/**
 * Sends an optimizer update to the backend's fused kernel ({@link OptimizerKernels}) when it has one and the
 * tensors are whole dense storages; callers run their composite otherwise. The property
 * {@value #PROPERTY}{@code =false} turns the fused path off (to compare the two).
 */
final class FusedUpdates {
    /** System property: set to {@code false} to run optimizers as composites of elementwise ops. */
    static final String PROPERTY = "jgrad.fusedOptimizers";
    static boolean enabled = !"false".equals(System.getProperty(PROPERTY));

    private FusedUpdates() {
    }

    static boolean adam(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor max,
                        OptimizerKernels.AdamStep step) {
        return enabled && param.backend() instanceof OptimizerKernels k
                && whole(param, grad, expAvg, expAvgSq, max)
                && k.adam(param.data().storage(), grad.data().storage(), expAvg.data().storage(),
                        expAvgSq.data().storage(), max == null ? null : max.data().storage(), step)
                && bumped(param, expAvg, expAvgSq, max);
    }

    static boolean sgd(Tensor param, Tensor grad, Tensor buf, OptimizerKernels.SgdStep step) {
        return enabled && param.backend() instanceof OptimizerKernels k
                && whole(param, grad, buf)
                && k.sgd(param.data().storage(), grad.data().storage(), buf == null ? null : buf.data().storage(), step)
                && bumped(param, buf);
    }

    /** Each tensor (null: absent) is its storage's elements in row-major order, and none shares another's. */
    private static boolean whole(Tensor... tensors) {
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            if (t == null) {
                continue;
            }
            if (!t.data().view().coversDensely(t.data().storage().size())) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (tensors[j] != null && tensors[j].data().storage() == t.data().storage()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The written tensors changed in place: bump their versions as the composite's in-place ops would. */
    private static boolean bumped(Tensor... written) {
        for (Tensor t : written) {
            if (t != null) {
                t.markModified();
            }
        }
        return true;
    }
}
