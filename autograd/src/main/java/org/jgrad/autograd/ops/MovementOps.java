package org.jgrad.autograd.ops;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Shape;
import org.jgrad.core.View;

/**
 * Movement composites: all views or reshapes built on the primitives reshape, permute, expand and slice.
 *
 * <pre>{@code
 * Tensor t = x.transpose(0, 1).unsqueeze(0).narrow(2, 1, 3);
 * }</pre>
 */
public interface MovementOps {
    Tensor self();

    default Tensor transpose(int d0, int d1) {
        return self().permute(View.transposeOrder(self().rank(), d0, d1));
    }

    /** {@code length} elements from {@code start} along {@code dim}. */
    default Tensor narrow(int dim, int start, int length) {
        Tensor x = self();
        x.data().narrow(dim, start, length); // validates with a clear error
        int d = Shape.normalizeAxis(dim, x.rank(), "narrow");
        int s = start < 0 ? start + x.size(d) : start;
        return x.slice(d, s, s + length, 1);
    }

    /** Index {@code index} along {@code dim}, removing the dim. */
    default Tensor select(int dim, int index) {
        Tensor x = self();
        x.data().select(dim, index); // validates
        int d = Shape.normalizeAxis(dim, x.rank(), "select");
        int i = index < 0 ? index + x.size(d) : index;
        return x.slice(d, i, i + 1, 1).squeeze(d);
    }

    default Tensor squeeze() {
        return self().reshape(self().data().squeeze().shape().toArray());
    }

    default Tensor squeeze(int dim) {
        return self().reshape(self().data().squeeze(dim).shape().toArray());
    }

    default Tensor unsqueeze(int dim) {
        return self().reshape(self().data().unsqueeze(dim).shape().toArray());
    }

    default Tensor flatten() {
        return self().reshape(-1);
    }

    default Tensor broadcastTo(Shape shape) {
        self().data().broadcastTo(shape); // validates
        return self().expand(shape.toArray());
    }

    /** This tensor if dense, else a dense copy. */
    default Tensor contiguous() {
        return self().data().view().isContiguous() ? self() : self().copy();
    }

    /** Consecutive chunks of {@code size} along {@code dim} (the last may be shorter). */
    default List<Tensor> split(int size, int dim) {
        Tensor x = self();
        int d = Shape.normalizeAxis(dim, x.rank(), "split");
        List<Tensor> parts = new ArrayList<>();
        for (var part : x.data().split(size, d)) {
            parts.add(x.narrow(d, parts.size() * size, part.size(d)));
        }
        return parts;
    }
}
