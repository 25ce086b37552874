package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.backend.OptimizerKernels;

/**
 * The update shared by {@link Adam} and {@link AdamW}, PyTorch's {@code _single_tensor_adam(w)} operation by
 * operation (so the float rounding matches too): the moments are decayed in place, the bias corrections are
 * computed in double from the step count, and epsilon is added outside the square root after dividing by
 * {@code sqrt(1 - beta2^t)}.
 */
final class AdamUpdate {
    static final Set<String> ALL_STATE = Set.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    private static final Set<String> STATE = Set.of("step", "exp_avg", "exp_avg_sq");

    private AdamUpdate() {
    }

    /** What Adam and AdamW options have in common. */
    interface Hyper extends OptimizerOptions {
        double beta1();

        double beta2();

        double eps();

        double weightDecay();

        boolean amsgrad();
    }

    /**
     * One update. {@code decoupled} is AdamW's weight decay ({@code p *= 1 - lr * weightDecay} before the
     * step); otherwise it is Adam's L2 term added to the gradient. {@code step} is the count after this update
     * (1 on the first). Runs as one fused pass where the backend
     * offers {@link OptimizerKernels}, else as the composite below; both give the same bits.
     */
    static void apply(Tensor param, Tensor grad, Hyper o, Map<String, Tensor> state, boolean decoupled, long step) {
        Tensor expAvg = Optimizer.buffer(state, "exp_avg", param);
        Tensor expAvgSq = Optimizer.buffer(state, "exp_avg_sq", param);
        Tensor max = o.amsgrad() ? Optimizer.buffer(state, "max_exp_avg_sq", param) : null;
        double biasCorrection1 = 1 - Math.pow(o.beta1(), step);
        double stepSize = o.lr() / biasCorrection1;
        var numbers = new OptimizerKernels.AdamStep(decoupled ? 1 - o.lr() * o.weightDecay() : 1,
                decoupled ? 0 : o.weightDecay(), o.beta1(), 1 - o.beta1(), o.beta2(), 1 - o.beta2(),
                Math.sqrt(1 - Math.pow(o.beta2(), step)), o.eps(), -stepSize);
        if (FusedUpdates.adam(param, grad, expAvg, expAvgSq, max, numbers)) {
            return;
        }
        composite(param, grad, expAvg, expAvgSq, max, numbers, decoupled);
    }

    /** The update as separate elementwise ops: the definition the fused kernel must equal bit for bit. */
    static void composite(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, Tensor max,
                          OptimizerKernels.AdamStep s, boolean decoupled) {
        if (decoupled) {
            param.mul_(s.decay());
        } else if (s.l2() != 0) {
            grad = grad.add(param.mul(s.l2()));
        }
        expAvg.mul_(s.beta1()).add_(grad.mul(s.oneMinusBeta1()));
        expAvgSq.mul_(s.beta2()).add_(grad.mul(s.oneMinusBeta2()).mul(grad));
        Tensor second = expAvgSq;
        if (max != null) {
            max.copy_(max.maximum(expAvgSq));
            second = max;
        }
        Tensor denom = second.sqrt().div(s.biasCorrection2Sqrt()).add(s.eps());
        param.add_(expAvg.mul(s.negStepSize()).div(denom));   // addcdiv_(exp_avg, denom, value=-step_size)
    }

    static Set<String> stateNames(Hyper o) {
        return o.amsgrad() ? ALL_STATE : STATE;
    }

    static void validate(String optimizer, Hyper o) {
        OptionsMap.check(o.lr() >= 0, optimizer, "learning rate", o.lr(), "must be >= 0");
        OptionsMap.check(o.eps() >= 0, optimizer, "epsilon value", o.eps(), "must be >= 0");
        OptionsMap.check(o.beta1() >= 0 && o.beta1() < 1, optimizer, "beta parameter at index 0", o.beta1(),
                "must be in [0, 1)");
        OptionsMap.check(o.beta2() >= 0 && o.beta2() < 1, optimizer, "beta parameter at index 1", o.beta2(),
                "must be in [0, 1)");
        OptionsMap.check(o.weightDecay() >= 0, optimizer, "weight_decay value", o.weightDecay(), "must be >= 0");
    }

    static Map<String, Object> toMap(Hyper o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lr", o.lr());
        m.put("betas", List.of(o.beta1(), o.beta2()));
        m.put("eps", o.eps());
        m.put("weightDecay", o.weightDecay());
        m.put("amsgrad", o.amsgrad());
        return m;
    }

    /** Reads {@link #toMap} form: {@code {lr, betas, eps, weightDecay, amsgrad}}. */
    static OptionsMap read(String optimizer, Map<String, Object> values) {
        return new OptionsMap(optimizer, values, Set.of("lr", "betas", "eps", "weightDecay", "amsgrad"));
    }
}
