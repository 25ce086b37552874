package org.jgrad.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * {@link HostReference}s of casts, copies and movement ops, by index arithmetic on host values, with
 * PyTorch's argument rules (negative dims count from the end, Python slice clamping, errors for
 * out-of-range arguments).
 */
public final class HostMovement {
    private HostMovement() {
    }

    /** Output element {@code o} is input element {@code source.apply(o)}. */
    static TensorData remap(TensorData x, Shape out, UnaryOperator<int[]> source) {
        double[] v = new double[out.numel()];
        for (int f = 0; f < v.length; f++) {
            v[f] = x.get(source.apply(TensorData.multiIndex(out, f)));
        }
        return new TensorData(out, v);
    }

    /** A dim of a tensor of rank {@code rank} in non-negative form; out of range raises. */
    static int dim(int d, int rank) {
        int r = Math.max(rank, 1);
        if (d < -r || d >= r) {
            throw new IllegalArgumentException("dim " + d + " out of range for rank " + rank);
        }
        return d < 0 ? d + r : d;
    }

    /** A reference that keeps the dtype: {@code f} maps the input values (operand 0) to the output values. */
    static HostReference same(java.util.function.BiFunction<TensorData, SampleInput, TensorData> f) {
        return (s, t) -> List.of(Expected.of(f.apply(HostReference.inputs(s, t).get(0), s), t));
    }

    /** {@code to(dtype)}: the values as the target dtype holds them. */
    public static HostReference cast() {
        return (s, t) -> {
            DType target = s.dtype("dtype");
            return List.of(Expected.of(HostReference.inputs(s, t).get(0), target));
        };
    }

    /** copy, contiguous: the same values. */
    public static HostReference identity() {
        return same((x, s) -> x);
    }

    /** flatten: the values as one dim ([1] for a scalar). */
    public static HostReference flatten() {
        return same((x, s) -> new TensorData(Shape.of(x.numel()), x.values()));
    }

    /** reshape / viewAs with a "shape" argument (one -1 inferred). */
    public static HostReference reshape() {
        return same((x, s) -> new TensorData(inferShape(s.ints("shape"), x.numel()), x.values()));
    }

    static Shape inferShape(int[] dims, int numel) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("two -1 in " + Arrays.toString(dims));
                }
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(dims));
            } else {
                known *= dims[i];
            }
        }
        int[] out = dims.clone();
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("cannot infer -1 in " + Arrays.toString(dims));
            }
            out[infer] = (int) (numel / known);
        }
        if (Shape.of(out).numel() != numel) {
            throw new IllegalArgumentException(Arrays.toString(dims) + " does not hold " + numel + " elements");
        }
        return Shape.of(out);
    }

    /** permute with an "order" argument. */
    public static HostReference permute() {
        return same((x, s) -> permute(x, s.ints("order")));
    }

    static TensorData permute(TensorData x, int[] order) {
        int r = x.shape().rank();
        if (order.length != r) {
            throw new IllegalArgumentException("permute needs " + r + " dims");
        }
        int[] o = Arrays.stream(order).map(d -> dim(d, r)).toArray();
        if (Arrays.stream(o).distinct().count() != r) {
            throw new IllegalArgumentException("repeated dim in " + Arrays.toString(order));
        }
        int[] dims = new int[r];
        for (int i = 0; i < r; i++) {
            dims[i] = x.shape().dim(o[i]);
        }
        return remap(x, Shape.of(dims), out -> {
            int[] in = new int[r];
            for (int i = 0; i < r; i++) {
                in[o[i]] = out[i];
            }
            return in;
        });
    }

    /** transpose with "d0" and "d1". */
    public static HostReference transpose() {
        return same((x, s) -> {
            int r = x.shape().rank();
            int a = dim(s.integer("d0"), r);
            int b = dim(s.integer("d1"), r);
            int[] order = new int[r];
            for (int i = 0; i < r; i++) {
                order[i] = i == a ? b : i == b ? a : i;
            }
            return permute(x, order);
        });
    }

    /** expand with a "shape" argument (-1 keeps a size; new dims lead). */
    public static HostReference expand() {
        return same((x, s) -> expand(x, s.ints("shape")));
    }

    /** broadcastTo with a "shape" argument. */
    public static HostReference broadcastTo() {
        return same((x, s) -> {
            Shape target = Shape.of(s.ints("shape"));
            if (!BroadcastShapes.broadcast(List.of(x.shape(), target)).equals(target)) {
                throw new IllegalArgumentException(x.shape() + " does not broadcast to " + target);
            }
            return expand(x, target.toArray());
        });
    }

    static TensorData expand(TensorData x, int[] target) {
        Shape in = x.shape();
        int lead = target.length - in.rank();
        if (lead < 0) {
            throw new IllegalArgumentException("expand to fewer dims");
        }
        int[] dims = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            if (i < lead) {
                if (target[i] < 0) {
                    throw new IllegalArgumentException("-1 for a new dim");
                }
                dims[i] = target[i];
            } else {
                int size = in.dim(i - lead);
                if (target[i] == -1 || target[i] == size) {
                    dims[i] = size;
                } else if (size == 1 && target[i] >= 0) {
                    dims[i] = target[i];
                } else {
                    throw new IllegalArgumentException("cannot expand " + in + " to " + Arrays.toString(target));
                }
            }
        }
        return remap(x, Shape.of(dims), out -> {
            int[] idx = new int[in.rank()];
            for (int d = 0; d < in.rank(); d++) {
                idx[d] = in.dim(d) == 1 ? 0 : out[lead + d];
            }
            return idx;
        });
    }

    /** slice with "dim", "start", "end", "step": Python semantics, positive step. */
    public static HostReference slice() {
        return same((x, s) -> {
            int d = dim(s.integer("dim"), x.shape().rank());
            int step = s.integer("step");
            if (step <= 0) {
                throw new IllegalArgumentException("step must be positive");
            }
            int n = x.shape().dim(d);
            int start = clamp(s.integer("start"), n);
            int end = clamp(s.integer("end"), n);
            int len = end > start ? (end - start + step - 1) / step : 0;
            return along(x, d, len, i -> start + i * step);
        });
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(i < 0 ? i + n : i, n));
    }

    /** narrow with "dim", "start" (negative counts from the end), "length"; out of range raises. */
    public static HostReference narrow() {
        return same((x, s) -> {
            int d = dim(s.integer("dim"), x.shape().rank());
            int n = x.shape().dim(d);
            int start = s.integer("start") < 0 ? s.integer("start") + n : s.integer("start");
            int len = s.integer("length");
            if (start < 0 || len < 0 || start + len > n) {
                throw new IndexOutOfBoundsException("narrow out of range");
            }
            return along(x, d, len, i -> start + i);
        });
    }

    /** select with "dim" and "index" (negative counts from the end); removes the dim. */
    public static HostReference select() {
        return same((x, s) -> {
            int r = x.shape().rank();
            int d = dim(s.integer("dim"), r);
            int n = x.shape().dim(d);
            int index = s.integer("index") < 0 ? s.integer("index") + n : s.integer("index");
            if (index < 0 || index >= n) {
                throw new IndexOutOfBoundsException("select out of range");
            }
            TensorData one = along(x, d, 1, i -> index);
            int[] dims = new int[r - 1];
            for (int k = 0, j = 0; k < r; k++) {
                if (k != d) {
                    dims[j++] = x.shape().dim(k);
                }
            }
            return new TensorData(Shape.of(dims), one.values());
        });
    }

    /** Keeps {@code len} positions along {@code d}: output position i reads input position {@code pick(i)}. */
    static TensorData along(TensorData x, int d, int len, java.util.function.IntUnaryOperator pick) {
        int[] dims = x.shape().toArray();
        dims[d] = len;
        return remap(x, Shape.of(dims), out -> {
            int[] in = out.clone();
            in[d] = pick.applyAsInt(out[d]);
            return in;
        });
    }

    /** squeeze with "form" all (every size-1 dim) or dim (that dim if it has size 1). */
    public static HostReference squeeze() {
        return same((x, s) -> {
            int[] dims = x.shape().toArray();
            if (s.text("form").equals("all")) {
                return new TensorData(Shape.of(Arrays.stream(dims).filter(n -> n != 1).toArray()), x.values());
            }
            int d = dim(s.integer("dim"), dims.length);
            if (dims.length == 0 || dims[d] != 1) {
                return x;
            }
            int[] out = new int[dims.length - 1];
            for (int k = 0, j = 0; k < dims.length; k++) {
                if (k != d) {
                    out[j++] = dims[k];
                }
            }
            return new TensorData(Shape.of(out), x.values());
        });
    }

    /** unsqueeze with "dim" in [-rank-1, rank]. */
    public static HostReference unsqueeze() {
        return same((x, s) -> {
            int r = x.shape().rank();
            int d = s.integer("dim");
            if (d < -r - 1 || d > r) {
                throw new IllegalArgumentException("unsqueeze dim out of range");
            }
            int at = d < 0 ? d + r + 1 : d;
            int[] dims = new int[r + 1];
            for (int k = 0, j = 0; k <= r; k++) {
                dims[k] = k == at ? 1 : x.shape().dim(j++);
            }
            return new TensorData(Shape.of(dims), x.values());
        });
    }

    /** flip with "dims". */
    public static HostReference flip() {
        return same((x, s) -> {
            int r = x.shape().rank();
            int[] ds = Arrays.stream(s.ints("dims")).map(d -> dim(d, r)).toArray();
            if (Arrays.stream(ds).distinct().count() != ds.length) {
                throw new IllegalArgumentException("repeated dim");
            }
            return remap(x, x.shape(), out -> {
                int[] in = out.clone();
                for (int d : ds) {
                    in[d] = x.shape().dim(d) - 1 - out[d];
                }
                return in;
            });
        });
    }
}
