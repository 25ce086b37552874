package org.jgrad.autograd;

import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * Every primitive's gradient, in one place. Rules are written with Tensor ops, so with
 * {@code createGraph} the backward pass is itself recorded and can be differentiated again. A rule gets
 * the node (its saved inputs/output, parameters, and which inputs need a gradient) and the gradient of
 * the output; it returns one gradient per input, or null where none is needed. Rules never undo
 * broadcasting: the engine sums each gradient back to its input's shape.
 */
final class Derivatives {
    private Derivatives() {
    }

    /** True for rules that read the op's output, so the node must save it. */
    static boolean needsOutput(Prim prim, Node.Params params) {
        return switch (prim) {
            case UNARY -> UnaryRules.readsOutput(params.unaryOp());
            case BINARY -> BinaryRules.readsOutput(params.binaryOp());
            case AMAX, SOFTMAX, LOG_SOFTMAX, LAYER_NORM -> true;
            case WHERE, SUM, MATMUL, GATHER, SCATTER_ADD, INDEX_SELECT, RESHAPE, PERMUTE, EXPAND, SLICE, FLIP,
                 SLICE_EMBED, CONCAT, CAST, COPY -> false;
        };
    }

    /** True for rules that read the op's inputs; other nodes keep only shapes, so activations can be freed. */
    static boolean needsInputs(Prim prim, Node.Params params) {
        return switch (prim) {
            case UNARY -> UnaryRules.readsInput(params.unaryOp());
            case BINARY -> BinaryRules.readsInputs(params.binaryOp());
            case AMAX, MATMUL, LAYER_NORM -> true;
            case WHERE, SUM, SOFTMAX, LOG_SOFTMAX, GATHER, SCATTER_ADD, INDEX_SELECT, RESHAPE, PERMUTE, EXPAND,
                 SLICE, FLIP, SLICE_EMBED, CONCAT, CAST, COPY -> false;
        };
    }

    static Tensor[] backward(Node n, Tensor g) {
        int[] p = n.params.ints();
        return switch (n.prim) {
            case UNARY -> one(UnaryRules.backward(n.params.unaryOp(), n, g));
            case BINARY -> BinaryRules.backward(n.params.binaryOp(), n, g);
            case SOFTMAX -> {
                Tensor y = n.output();
                Tensor gy = g.mul(y);
                yield one(gy.sub(y.mul(gy.sum(new int[] {p[0]}, true))));      // y (g - sum(g y))
            }
            case LOG_SOFTMAX -> one(g.sub(n.output().exp().mul(g.sum(new int[] {p[0]}, true))));
            case LAYER_NORM -> {
                // y = (x - mean) rstd: dx = rstd (g - mean(g) - y mean(g y)); rstd recomputed from x, so the rule
                // stays differentiable in x for higher-order gradients.
                Tensor y = n.output();
                int[] axes = lastAxes(y.rank(), p[0]);
                Tensor rstd = n.input(0).var(axes, 0, true).add(n.params.number()).sqrt().reciprocal();
                Tensor centred = g.sub(g.mean(axes, true)).sub(y.mul(g.mul(y).mean(axes, true)));
                yield one(centred.mul(rstd));
            }
            case WHERE -> {
                Tensor cond = Tensor.of(n.params.cond());
                Tensor zero = g.scalarLike(0);
                yield two(n.needsGrad[0] ? Tensor.where(cond, g, zero) : null,
                        n.needsGrad[1] ? Tensor.where(cond, zero, g) : null);
            }
            case SUM -> one(keepReduced(g, n).expand(n.inputShapes[0].toArray()));
            case AMAX -> {
                // The gradient is shared evenly by all elements equal to the max (torch.amax's rule).
                Tensor x = n.input(0);
                Tensor max = keepReduced(n.output(), n);
                Tensor mask = x.eq(max).to(g.dtype());
                Tensor count = mask.sum(p, true);
                yield one(keepReduced(g, n).mul(mask).div(count));
            }
            case MATMUL -> {
                Tensor a = n.input(0);
                Tensor b = n.input(1);
                yield two(n.needsGrad[0] ? g.matmulBatched(b.transpose(-1, -2)) : null,
                        n.needsGrad[1] ? a.transpose(-1, -2).matmulBatched(g) : null);
            }
            case GATHER -> one(zerosLike(n, g).scatterAdd(p[0], Tensor.of(n.params.index()), g));
            case SCATTER_ADD -> two(g, n.needsGrad[1] ? g.gather(p[0], Tensor.of(n.params.index())) : null);
            case INDEX_SELECT -> {
                if (n.inputShapes[0].rank() == 0) {
                    yield one(g); // a 0-d input: its one element was picked once
                }
                // index_add as a scatter-add with the 1-D index broadcast across the other dims.
                int dim = Shape.normalizeAxis(p[0], g.rank(), "indexSelect");
                int[] lifted = new int[g.rank()];
                java.util.Arrays.fill(lifted, 1);
                lifted[dim] = n.params.index().numel();
                NDArray index = n.params.index().reshape(lifted).expand(g.shape().toArray());
                yield one(zerosLike(n, g).scatterAdd(dim, Tensor.of(index), g));
            }
            case RESHAPE -> one(g.reshape(n.inputShapes[0].toArray()));
            case PERMUTE -> {
                int[] inverse = new int[p.length];
                for (int i = 0; i < p.length; i++) {
                    inverse[Shape.normalizeAxis(p[i], p.length, "permute")] = i;
                }
                yield one(g.permute(inverse));
            }
            case EXPAND, COPY -> one(g);
            case SLICE -> one(g.sliceEmbed(n.inputShapes[0], p[0], p[1], p[2], p[3]));
            case SLICE_EMBED -> one(g.slice(p[0], p[1], p[2], p[3]));
            case FLIP -> one(g.flip(p));
            case CONCAT -> {
                int dim = Shape.normalizeAxis(p[0], g.rank(), "concat");
                Tensor[] parts = new Tensor[n.inputShapes.length];
                int at = 0;
                for (int i = 0; i < parts.length; i++) {
                    int len = n.inputShapes[i].dim(dim);
                    parts[i] = n.needsGrad[i] ? g.narrow(dim, at, len) : null;
                    at += len;
                }
                yield parts;
            }
            case CAST -> one(g.to(n.inputDtypes[0]));
        };
    }

    /** The last {@code k} axes of a rank-{@code rank} tensor. */
    private static int[] lastAxes(int rank, int k) {
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = rank - k + i;
        }
        return axes;
    }

    /** {@code g} with the reduced axes of a SUM/AMAX node present as size-1 dims. */
    private static Tensor keepReduced(Tensor g, Node n) {
        if (n.params.keepdim()) {
            return g;
        }
        int rank = n.inputShapes[0].rank();
        if (rank == 0) {
            return g; // axes 0 and -1 of a 0-d input reduce nothing
        }
        int[] dims = n.inputShapes[0].toArray();
        for (int a : n.params.ints()) {
            dims[Shape.normalizeAxis(a, rank, "sum")] = 1;
        }
        return g.reshape(dims);
    }

    private static Tensor zerosLike(Node n, Tensor g) {
        return Tensor.of(g.creation().zeros(g.dtype(), n.inputShapes[0].toArray()));
    }

    private static Tensor[] one(Tensor g) {
        return new Tensor[] {g};
    }

    private static Tensor[] two(Tensor a, Tensor b) {
        return new Tensor[] {a, b};
    }
}
