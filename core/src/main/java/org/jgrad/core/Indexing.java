package org.jgrad.core;

/**
 * Front-end checks for gather, scatterAdd and indexSelect: dims, shapes and the index dtype. The index values
 * are checked by the backend as its kernel reads them ({@link org.jgrad.core.backend.IndexRange}), so no call
 * reads a value back to the host.
 */
final class Indexing {
    private Indexing() {
    }

    static NDArray gather(NDArray x, int dim, NDArray index) {
        Elementwise.sameBackend("gather", x, index);
        if (x.rank() == 0) {
            Shape.normalizeAxis(dim, 0, "gather");
            requireRank0("gather", x, index);
            return gather(x.reshape(1), 0, index.reshape(-1)).reshape(index.shape().toArray());
        }
        int d = Shape.normalizeAxis(dim, x.rank(), "gather");
        NDArray idx = checkIndex("gather", index);
        if (idx.rank() != x.rank()) {
            throw new IllegalArgumentException("gather: index of shape " + index.shape() + " must have the same rank as"
                    + " the input of shape " + x.shape());
        }
        for (int i = 0; i < x.rank(); i++) {
            if (i != d && idx.size(i) > x.size(i)) {
                throw new IllegalArgumentException("gather: index of shape " + index.shape()
                        + " is larger than the input of shape " + x.shape() + " at dim " + i
                        + " (expected index.size(i) <= input.size(i) for every dim i != " + d + ")");
            }
        }
        return NDArray.dense(x.backend().gather(x.storage(), x.view(), d, idx.storage(), idx.view()), idx.shape());
    }

    static NDArray scatterAdd(NDArray x, int dim, NDArray index, NDArray src) {
        Elementwise.sameBackend("scatterAdd", x, index);
        Elementwise.sameBackend("scatterAdd", x, src);
        if (x.rank() == 0) {
            Shape.normalizeAxis(dim, 0, "scatterAdd");
            requireRank0("scatterAdd", x, index);
            requireRank0("scatterAdd", x, src);
            return scatterAdd(x.reshape(1), 0, index.reshape(-1), src.reshape(-1)).reshape();
        }
        int d = Shape.normalizeAxis(dim, x.rank(), "scatterAdd");
        NDArray idx = checkIndex("scatterAdd", index);
        if (idx.rank() != x.rank() || src.rank() != x.rank()) {
            throw new IllegalArgumentException("scatterAdd: input " + x.shape() + ", index " + index.shape()
                    + " and src " + src.shape() + " must all have the same rank");
        }
        for (int i = 0; i < x.rank(); i++) {
            if (idx.size(i) > src.size(i) || (i != d && idx.size(i) > x.size(i))) {
                throw new IllegalArgumentException("scatterAdd: index of shape " + index.shape() + " does not fit"
                        + " src " + src.shape() + " and input " + x.shape() + " at dim " + i
                        + " (expected index.size(i) <= src.size(i), and <= input.size(i) for i != " + d + ")");
            }
        }
        // Only the part of src that the index covers is used, as in PyTorch.
        NDArray part = src.to(x.dtype());
        for (int i = 0; i < x.rank(); i++) {
            part = part.narrow(i, 0, idx.size(i));
        }
        NDArray out = x.copy();
        x.backend().scatterAdd(out.storage(), out.view(), d, idx.storage(), idx.view(), part.storage(), part.view());
        return out;
    }

    static NDArray indexSelect(NDArray x, int dim, NDArray index) {
        Elementwise.sameBackend("indexSelect", x, index);
        if (x.rank() == 0) {
            Shape.normalizeAxis(dim, 0, "indexSelect");
            if (index.numel() != 1) {
                throw new IllegalArgumentException("indexSelect: the input is 0-d, so the index must hold exactly one"
                        + " value, got shape " + index.shape());
            }
            return indexSelect(x.reshape(1), 0, index.reshape(1)).reshape();
        }
        int d = Shape.normalizeAxis(dim, x.rank(), "indexSelect");
        if (index.rank() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 0-D or 1-D but has shape " + index.shape());
        }
        NDArray idx = checkIndex("indexSelect", index.reshape(-1));
        int[] outDims = x.shape().toArray();
        outDims[d] = idx.numel();
        return NDArray.dense(x.backend().indexSelect(x.storage(), x.view(), d, idx.storage(), idx.view()),
                Shape.of(outDims));
    }

    private static void requireRank0(String op, NDArray x, NDArray other) {
        if (other.rank() != 0) {
            throw new IllegalArgumentException(op + ": the input is 0-d, so the index and src must be 0-d too, got "
                    + other.shape());
        }
    }

    /** Checks the index dtype; returns the index as I64 (its values are range-checked by the backend kernel). */
    private static NDArray checkIndex(String op, NDArray index) {
        if (!index.dtype().isIntegral()) {
            throw new IllegalArgumentException(op + ": index must be an integer tensor (I64 or I32) but is "
                    + index.dtype() + " of shape " + index.shape());
        }
        return index.to(DType.I64);
    }
}
