package org.jgrad.autograd.ops;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/** Rank-0 constants next to a tensor (same backend, its floating dtype). */
final class Scalars {
    private Scalars() {
    }

    static Tensor like(Tensor t, double value) {
        DType d = t.dtype().isFloating() ? t.dtype() : DType.F32;
        return Tensor.of(t.creation().scalar(value, d));
    }
}
