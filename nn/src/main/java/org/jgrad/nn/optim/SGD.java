package org.jgrad.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.backend.OptimizerKernels;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, as
 * PyTorch's {@code torch.optim.SGD}. With {@code g} the gradient (plus {@code weightDecay * p}):
 * <pre>
 * buf = g                                   on the first step (no dampening applied, as PyTorch)
 * buf = momentum * buf + (1 - dampening) * g afterwards
 * g   = nesterov ? g + momentum * buf : buf  (when momentum != 0)
 * p  -= lr * g
 * </pre>
 *
 * <pre>{@code
 * SGD opt = new SGD(model.parameters(), new SGD.Options(0.1).momentum(0.9).nesterov(true));
 * }</pre>
 */
public final class SGD extends Optimizer<SGD.Options> {
    private static final Set<String> STATE = Set.of("momentum_buffer");

    /**
     * SGD's hyper-parameters; PyTorch's defaults except {@code lr}, which has none.
     *
     * @param lr learning rate, >= 0
     * @param momentum momentum factor, >= 0
     * @param dampening dampening of the momentum's gradient term
     * @param weightDecay L2 penalty, >= 0
     * @param nesterov Nesterov momentum (needs momentum > 0 and dampening 0)
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
            implements OptimizerOptions {
        /** Learning rate {@code lr}, no momentum, dampening or weight decay. */
        public Options(double lr) {
            this(lr, 0, 0, 0, false);
        }

        @Override
        public Options lr(double lr) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        public Options momentum(double momentum) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        public Options dampening(double dampening) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        public Options weightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        public Options nesterov(boolean nesterov) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        @Override
        public void validate() {
            OptionsMap.check(lr >= 0, "SGD", "learning rate", lr, "must be >= 0");
            OptionsMap.check(momentum >= 0, "SGD", "momentum value", momentum, "must be >= 0");
            OptionsMap.check(Double.isFinite(dampening), "SGD", "dampening value", dampening, "must be finite");
            OptionsMap.check(weightDecay >= 0, "SGD", "weight_decay value", weightDecay, "must be >= 0");
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening"
                        + " (got momentum " + momentum + ", dampening " + dampening + ")");
            }
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lr", lr);
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("weightDecay", weightDecay);
            m.put("nesterov", nesterov);
            return m;
        }

        static Options fromMap(Map<String, Object> values) {
            OptionsMap m = new OptionsMap("SGD", values, Set.of("lr", "momentum", "dampening", "weightDecay", "nesterov"));
            return new Options(m.number("lr"), m.number("momentum"), m.number("dampening"), m.number("weightDecay"),
                    m.flag("nesterov"));
        }
    }

    /** One group of {@code params} with {@code options}. */
    public SGD(List<Tensor> params, Options options) {
        super(oneGroup(params, options));
    }

    /** Several groups, each with its own options. */
    public SGD(List<ParamGroup<Options>> groups) {
        super(groups);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Options o, Map<String, Tensor> state) {
        Tensor buf = state.get("momentum_buffer");
        boolean first = buf == null;
        if (o.momentum() != 0 && first) {
            buf = buffer(state, "momentum_buffer", param);
        }
        var numbers = new OptimizerKernels.SgdStep(o.weightDecay(), o.momentum(), 1 - o.dampening(), o.nesterov(),
                first, o.lr());
        Tensor momentum = o.momentum() != 0 ? buf : null;
        if (!FusedUpdates.sgd(param, grad, momentum, numbers)) {
            composite(param, grad, momentum, numbers);
        }
    }

    /** The update as separate elementwise ops: the definition the fused kernel must equal bit for bit. */
    static void composite(Tensor param, Tensor grad, Tensor buf, OptimizerKernels.SgdStep s) {
        Tensor d = s.weightDecay() != 0 ? grad.add(param.mul(s.weightDecay())) : grad;
        if (buf != null) {
            if (s.first()) {
                buf.copy_(d);
            } else {
                buf.mul_(s.momentum()).add_(d.mul(s.oneMinusDampening()));
            }
            d = s.nesterov() ? d.add(buf.mul(s.momentum())) : buf;
        }
        param.sub_(d.mul(s.lr()));
    }

    @Override
    protected Set<String> stateNames() {
        return STATE;
    }

    @Override
    protected Set<String> stateNames(Options options) {
        return options.momentum() != 0 ? STATE : Set.of();
    }

    @Override
    protected Options optionsFromMap(Map<String, Object> values) {
        return Options.fromMap(values);
    }
}
