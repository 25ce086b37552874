package org.jgrad.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.autograd.Tensor;

/**
 * AdamW (Loshchilov and Hutter), as PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay,
 * which shrinks the parameter directly instead of adding an L2 term to the gradient. Per step {@code t}:
 * <pre>
 * p *= 1 - lr * weightDecay;  g = grad
 * m = beta1 * m + (1 - beta1) * g           v = beta2 * v + (1 - beta2) * g^2
 * vmax = max(vmax, v)                        (amsgrad; then used in place of v)
 * p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <pre>{@code
 * AdamW opt = new AdamW(model.parameters(), new AdamW.Options().lr(3e-4).weightDecay(0.05));
 * }</pre>
 */
public final class AdamW extends Optimizer<AdamW.Options> {
    /**
     * AdamW's hyper-parameters.
     *
     * @param lr learning rate, >= 0 (default 1e-3)
     * @param beta1 first-moment decay, in [0, 1) (default 0.9)
     * @param beta2 second-moment decay, in [0, 1) (default 0.999)
     * @param eps added to the denominator, >= 0 (default 1e-8)
     * @param weightDecay decoupled weight decay, >= 0 (default 0.01)
     * @param amsgrad use the running maximum of the second moment (default false)
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
            implements AdamUpdate.Hyper {
        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad. */
        public Options() {
            this(1e-3, 0.9, 0.999, 1e-8, 0.01, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        public Options betas(double beta1, double beta2) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        public Options eps(double eps) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        public Options amsgrad(boolean amsgrad) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        @Override
        public void validate() {
            AdamUpdate.validate("AdamW", this);
        }

        @Override
        public Map<String, Object> toMap() {
            return AdamUpdate.toMap(this);
        }

        static Options fromMap(Map<String, Object> values) {
            OptionsMap m = AdamUpdate.read("AdamW", values);
            double[] betas = m.pair("betas");
            return new Options(m.number("lr"), betas[0], betas[1], m.number("eps"), m.number("weightDecay"),
                    m.flag("amsgrad"));
        }
    }

    /** One group of {@code params} with {@code options}. */
    public AdamW(List<Tensor> params, Options options) {
        super(oneGroup(params, options));
    }

    /** Several groups, each with its own options. */
    public AdamW(List<ParamGroup<Options>> groups) {
        super(groups);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Options options, Map<String, Tensor> state) {
        AdamUpdate.apply(param, grad, options, state, true, incrementStep(param, state));
    }

    @Override
    protected Set<String> stateNames() {
        return AdamUpdate.ALL_STATE;
    }

    @Override
    protected Set<String> stateNames(Options options) {
        return AdamUpdate.stateNames(options);
    }

    @Override
    protected Options optionsFromMap(Map<String, Object> values) {
        return Options.fromMap(values);
    }
}
