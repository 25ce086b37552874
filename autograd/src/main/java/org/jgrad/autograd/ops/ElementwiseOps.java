package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;

/**
 * Elementwise composites over the primitives. A Java number operand becomes a constant that takes the
 * tensor's dtype (F32 next to an integer tensor), like a Python scalar in PyTorch.
 *
 * <pre>{@code
 * Tensor y = x.mul(2.0).add(1.0).clamp(-1, 1);
 * }</pre>
 */
public interface ElementwiseOps {
    /** The tensor these methods act on. */
    Tensor self();

    default Tensor add(double s) {
        return self().add(Scalars.like(self(), s));
    }

    default Tensor sub(double s) {
        return self().sub(Scalars.like(self(), s));
    }

    default Tensor mul(double s) {
        return self().mul(Scalars.like(self(), s));
    }

    default Tensor div(double s) {
        return self().div(Scalars.like(self(), s));
    }

    /** {@code x^e} for a constant exponent. */
    default Tensor pow(double e) {
        return self().pow(Scalars.like(self(), e));
    }

    default Tensor square() {
        return self().mul(self());
    }

    /** Values limited to {@code [min, max]}; the gradient is 1 inside and 0 outside. */
    default Tensor clamp(double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return self().maximum(Scalars.like(self(), min)).minimum(Scalars.like(self(), max));
    }

    default Tensor clampMin(double min) {
        return self().maximum(Scalars.like(self(), min));
    }
}
