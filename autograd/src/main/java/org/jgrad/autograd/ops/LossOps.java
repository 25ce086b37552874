package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * Losses, averaged over elements (or over non-ignored targets), with PyTorch's definitions.
 *
 * <pre>{@code
 * Tensor loss = logits.crossEntropy(labels, -100, 0.1);   // labels: I64 class indices
 * Tensor l2 = prediction.mseLoss(target);
 * Tensor robust = prediction.huberLoss(target, 1.0, Reduction.SUM);
 * }</pre>
 */
public interface LossOps {
    Tensor self();

    /** Mean of {@code (x - target)^2}. */
    default Tensor mseLoss(Tensor target) {
        return mseLoss(target, Reduction.MEAN);
    }

    default Tensor mseLoss(Tensor target, Reduction reduction) {
        return reduction.apply(difference("mseLoss", self(), target).square());
    }

    /** Mean of {@code |x - target|}. */
    default Tensor l1Loss(Tensor target) {
        return l1Loss(target, Reduction.MEAN);
    }

    default Tensor l1Loss(Tensor target, Reduction reduction) {
        return reduction.apply(difference("l1Loss", self(), target).abs());
    }

    /**
     * Mean Huber loss (PyTorch's {@code huber_loss}): with {@code d = x - target}, {@code 0.5 d^2} where
     * {@code |d| < delta}, else {@code delta (|d| - 0.5 delta)}: quadratic near 0, linear (slope delta) in the
     * tails, so outliers pull with bounded force.
     *
     * <pre>{@code
     * Tensor loss = prediction.huberLoss(target, 1.0);
     * }</pre>
     */
    default Tensor huberLoss(Tensor target, double delta) {
        return huberLoss(target, delta, Reduction.MEAN);
    }

    /** Huber loss with an explicit reduction; {@code delta} must be positive, as in PyTorch. */
    default Tensor huberLoss(Tensor target, double delta, Reduction reduction) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huberLoss: delta must be positive and finite, got " + delta);
        }
        Tensor d = difference("huberLoss", self(), target);
        Tensor abs = d.abs();
        // The linear branch only applies where |d| >= delta > 0, so abs's gradient choice at 0 never shows.
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = abs.sub(0.5 * delta).mul(delta);
        return reduction.apply(Tensor.where(abs.lt(Scalars.like(abs, delta)), quadratic, linear));
    }

    /** {@code x - target}, with a shape mismatch reported under the loss's name. */
    private static Tensor difference(String op, Tensor x, Tensor target) {
        try {
            return x.sub(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": input " + x.shape() + " and target " + target.shape()
                    + " do not broadcast (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Cross entropy of logits {@code [N, C]} against class indices {@code [N]}: {@code logSoftmax} then
     * {@link #nllLoss}. Targets equal to {@code ignoreIndex} do not count; {@code labelSmoothing} mixes in
     * the uniform distribution over classes.
     */
    default Tensor crossEntropy(Tensor target, int ignoreIndex, double labelSmoothing) {
        return crossEntropy(target, ignoreIndex, labelSmoothing, Reduction.MEAN);
    }

    /** Cross entropy with an explicit reduction; ignored targets contribute 0 under SUM and NONE. */
    default Tensor crossEntropy(Tensor target, int ignoreIndex, double labelSmoothing, Reduction reduction) {
        Tensor logits = self();
        requireClasses("crossEntropy", logits, target);
        Tensor logp = logits.logSoftmax(1);
        Tensor nll = Classes.picked("crossEntropy", logp, target, ignoreIndex).neg();
        Tensor weight = Classes.notIgnored(logp, target, ignoreIndex);
        Tensor perSample = nll;
        if (labelSmoothing > 0) {
            Tensor uniform = logp.mean(new int[] {1}, false).neg();
            perSample = nll.mul(1 - labelSmoothing).add(uniform.mul(labelSmoothing));
        }
        return Classes.reduce(perSample.mul(weight), weight, reduction);
    }

    /** Cross entropy without ignored targets or smoothing. */
    default Tensor crossEntropy(Tensor target) {
        return crossEntropy(target, -100, 0);
    }

    /** Negative log-likelihood of log-probabilities {@code [N, C]} at class indices {@code [N]}. */
    default Tensor nllLoss(Tensor target, int ignoreIndex) {
        return nllLoss(target, ignoreIndex, Reduction.MEAN);
    }

    /** Negative log-likelihood with an explicit reduction; ignored targets contribute 0 under SUM and NONE. */
    default Tensor nllLoss(Tensor target, int ignoreIndex, Reduction reduction) {
        Tensor logp = self();
        requireClasses("nllLoss", logp, target);
        Tensor weight = Classes.notIgnored(logp, target, ignoreIndex);
        return Classes.reduce(Classes.picked("nllLoss", logp, target, ignoreIndex).neg().mul(weight), weight,
                reduction);
    }

    /**
     * Binary cross entropy of probabilities against targets in [0, 1]; each log is clamped at -100, as in
     * PyTorch, so a probability of exactly 0 or 1 gives a finite loss.
     */
    default Tensor binaryCrossEntropy(Tensor target) {
        return binaryCrossEntropy(target, Reduction.MEAN);
    }

    default Tensor binaryCrossEntropy(Tensor target, Reduction reduction) {
        Tensor p = self();
        requireSameShape("binaryCrossEntropy", p, target);
        // As PyTorch: probabilities outside [0, 1] (often logits passed by mistake) are an error, not a NaN loss.
        // Reads two numbers back; binaryCrossEntropyWithLogits is the form that takes logits.
        if (p.numel() > 0) {
            double min = -p.data().neg().max().item();
            double max = p.data().max().item();
            if (!(min >= 0 && max <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: all elements of the input must be probabilities"
                        + " in [0, 1], but they range over [" + min + ", " + max + "] (input shape " + p.shape()
                        + "); for logits use binaryCrossEntropyWithLogits (BCEWithLogitsLoss)");
            }
        }
        Tensor logP = p.log().clampMin(-100);
        Tensor log1mP = p.neg().add(1.0).log().clampMin(-100);
        return reduction.apply(target.mul(logP).add(target.neg().add(1.0).mul(log1mP)).neg());
    }

    /**
     * Binary cross entropy on logits, {@code softplus(x) - x * target}: exact for any logit size (no
     * sigmoid that saturates to 0 or 1).
     */
    default Tensor binaryCrossEntropyWithLogits(Tensor target) {
        return binaryCrossEntropyWithLogits(target, Reduction.MEAN);
    }

    default Tensor binaryCrossEntropyWithLogits(Tensor target, Reduction reduction) {
        Tensor x = self();
        requireSameShape("binaryCrossEntropyWithLogits", x, target);
        return reduction.apply(x.softplus().sub(x.mul(target)));
    }

    /** PyTorch's binary cross entropies reject a target whose size differs from the input's. */
    private static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": target shape " + target.shape() + " must equal the input shape "
                    + input.shape());
        }
    }

    private static void requireClasses(String op, Tensor input, Tensor target) {
        if (input.rank() != 2 || target.rank() != 1 || target.size(0) != input.size(0)
                || !target.dtype().isIntegral()) {
            throw new IllegalArgumentException(op + ": expected input [N, C] and integer class indices [N], got "
                    + input.shape() + " " + input.dtype() + " and " + target.shape() + " " + target.dtype());
        }
        if (!input.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": input must be floating, got " + input.dtype());
        }
    }

    /** Class-index plumbing shared by crossEntropy and nllLoss. */
    final class Classes {
        private Classes() {
        }

        /** {@code logp[i, target[i]]}, with ignored targets read at class 0 (their weight is 0 anyway). */
        static Tensor picked(String op, Tensor logp, Tensor target, int ignoreIndex) {
            Tensor safe = Tensor.where(target.eq(Tensor.of(target.creation().scalar(ignoreIndex, target.dtype()))),
                    Tensor.of(target.creation().scalar(0, target.dtype())), target);
            try {
                return logp.gather(1, safe.to(DType.I64).unsqueeze(1)).squeeze(1);
            } catch (IndexOutOfBoundsException e) {
                throw new IndexOutOfBoundsException(op + ": a target is not a class index in [0, " + logp.size(1)
                        + ") (" + e.getMessage() + ")");
            }
        }

        /** MEAN divides by the number of targets that count (PyTorch's weighted mean); SUM and NONE keep zeros. */
        static Tensor reduce(Tensor weighted, Tensor weight, Reduction reduction) {
            return reduction == Reduction.MEAN ? weighted.sum().div(weight.sum()) : reduction.apply(weighted);
        }

        /** 1 where the target counts, 0 where it equals {@code ignoreIndex}. */
        static Tensor notIgnored(Tensor logp, Tensor target, int ignoreIndex) {
            return target.ne(Tensor.of(target.creation().scalar(ignoreIndex, target.dtype()))).to(logp.dtype());
        }
    }
}
