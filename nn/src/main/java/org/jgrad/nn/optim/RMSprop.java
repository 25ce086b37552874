package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.autograd.Tensor;

/**
 * RMSprop, as PyTorch's {@code torch.optim.RMSprop} (epsilon added outside the square root, no bias
 * correction), with optional momentum and the centered variant. With {@code g} the gradient (plus
 * {@code weightDecay * p}):
 * <pre>
 * v   = alpha * v + (1 - alpha) * g^2
 * avg = sqrt(v - gAvg^2) + eps,  gAvg = alpha * gAvg + (1 - alpha) * g    (centered)
 * avg = sqrt(v) + eps                                                     (otherwise)
 * buf = momentum * buf + g / avg;  p -= lr * buf                          (momentum > 0)
 * p  -= lr * g / avg                                                      (otherwise)
 * </pre>
 *
 * <pre>{@code
 * RMSprop opt = new RMSprop(model.parameters(), new RMSprop.Options().lr(1e-3).centered(true));
 * }</pre>
 */
public final class RMSprop extends Optimizer<RMSprop.Options> {
    private static final Set<String> ALL_STATE = Set.of("step", "square_avg", "momentum_buffer", "grad_avg");

    /**
     * RMSprop's hyper-parameters.
     *
     * @param lr learning rate, >= 0 (default 1e-2)
     * @param alpha smoothing constant, >= 0 (default 0.99)
     * @param eps added to the denominator, >= 0 (default 1e-8)
     * @param weightDecay L2 penalty, >= 0 (default 0)
     * @param momentum momentum factor, >= 0 (default 0)
     * @param centered normalize by an estimate of the gradient's variance instead of its second moment
     */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
            implements OptimizerOptions {
        /** PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay or momentum, not centered. */
        public Options() {
            this(1e-2, 0.99, 1e-8, 0, 0, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        public Options alpha(double alpha) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        public Options eps(double eps) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        public Options momentum(double momentum) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        public Options centered(boolean centered) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered);
        }

        @Override
        public void validate() {
            OptionsMap.check(lr >= 0, "RMSprop", "learning rate", lr, "must be >= 0");
            OptionsMap.check(eps >= 0, "RMSprop", "epsilon value", eps, "must be >= 0");
            OptionsMap.check(momentum >= 0, "RMSprop", "momentum value", momentum, "must be >= 0");
            OptionsMap.check(weightDecay >= 0, "RMSprop", "weight_decay value", weightDecay, "must be >= 0");
            OptionsMap.check(alpha >= 0, "RMSprop", "alpha value", alpha, "must be >= 0");
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("alpha", alpha);
            m.put("eps", eps);
            m.put("weightDecay", weightDecay);
            m.put("momentum", momentum);
            m.put("centered", centered);
            return m;
        }

        static Options fromMap(Map<String, Object> values) {
            OptionsMap m = new OptionsMap("RMSprop", values,
                    Set.of("lr", "alpha", "eps", "weightDecay", "momentum", "centered"));
            return new Options(m.number("lr"), m.number("alpha"), m.number("eps"), m.number("weightDecay"),
                    m.number("momentum"), m.flag("centered"));
        }
    }

    /** One group of {@code params} with {@code options}. */
    public RMSprop(List<Tensor> params, Options options) {
        super(oneGroup(params, options));
    }

    /** Several groups, each with its own options. */
    public RMSprop(List<ParamGroup<Options>> groups) {
        super(groups);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Options o, Map<String, Tensor> state) {
        incrementStep(param, state);
        Tensor g = o.weightDecay() != 0 ? grad.add(param.mul(o.weightDecay())) : grad;
        Tensor squareAvg = buffer(state, "square_avg", param);
        squareAvg.mul_(o.alpha()).add_(g.mul(1 - o.alpha()).mul(g));
        Tensor avg;
        if (o.centered()) {
            Tensor gradAvg = buffer(state, "grad_avg", param);
            gradAvg.mul_(o.alpha()).add_(g.mul(1 - o.alpha()));
            avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();   // addcmul(grad_avg, grad_avg, value=-1).sqrt_()
        } else {
            avg = squareAvg.sqrt();
        }
        avg = avg.add(o.eps());
        if (o.momentum() > 0) {
            Tensor buf = buffer(state, "momentum_buffer", param);
            buf.mul_(o.momentum()).add_(g.div(avg));
            param.sub_(buf.mul(o.lr()));
        } else {
            param.sub_(g.mul(o.lr()).div(avg));   // addcdiv_(grad, avg, value=-lr)
        }
    }

    @Override
    protected Set<String> stateNames() {
        return ALL_STATE;
    }

    @Override
    protected Set<String> stateNames(Options o) {
        Set<String> names = new java.util.HashSet<>(Set.of("step", "square_avg"));
        if (o.momentum() > 0) {
            names.add("momentum_buffer");
        }
        if (o.centered()) {
            names.add("grad_avg");
        }
        return names;
    }

    @Override
    protected Options optionsFromMap(Map<String, Object> values) {
        return Options.fromMap(values);
    }
}
