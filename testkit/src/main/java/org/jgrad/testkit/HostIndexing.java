package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * {@link HostReference}s of matmul, the indexing ops and joining, by plain loops on host values, following
 * the PyTorch definitions ({@code torch.matmul}, {@code gather}, {@code scatter_add}, {@code index_select},
 * {@code cat}, {@code stack}, {@code split}), 0-d tensors included.
 */
public final class HostIndexing {
    private HostIndexing() {
    }

    /** torch.matmul: 1-D operands get a temporary unit dim; batch dims broadcast; floating dtypes only. */
    public static HostReference matmul() {
        return (s, t) -> {
            if (t != DType.F32 && t != DType.F64) {
                throw new IllegalArgumentException("matmul needs floating operands");
            }
            List<TensorData> in = HostReference.inputs(s, t);
            TensorData a = in.get(0);
            TensorData b = in.get(1);
            if (a.shape().rank() == 0 || b.shape().rank() == 0) {
                throw new IllegalArgumentException("matmul of a 0-d tensor");
            }
            boolean av = a.shape().rank() == 1;
            boolean bv = b.shape().rank() == 1;
            Shape as = av ? Shape.of(1, a.shape().dim(0)) : a.shape();
            Shape bs = bv ? Shape.of(b.shape().dim(0), 1) : b.shape();
            int m = as.dim(-2);
            int k = as.dim(-1);
            int n = bs.dim(-1);
            if (bs.dim(-2) != k) {
                throw new IllegalArgumentException("inner dims differ");
            }
            Shape batch = BroadcastShapes.broadcast(List.of(prefix(as), prefix(bs)));
            int[] outDims = Arrays.copyOf(batch.toArray(), batch.rank() + 2);
            outDims[batch.rank()] = m;
            outDims[batch.rank() + 1] = n;
            Shape out = Shape.of(outDims);
            TensorData a2 = new TensorData(as, a.values());
            TensorData b2 = new TensorData(bs, b.values());
            double[] v = new double[out.numel()];
            for (int f = 0; f < v.length; f++) {
                int[] o = TensorData.multiIndex(out, f);
                int i = o[o.length - 2];
                int j = o[o.length - 1];
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    o[o.length - 2] = i;
                    o[o.length - 1] = p;
                    double x = HostMath.valueAt(a2, o);
                    o[o.length - 2] = p;
                    o[o.length - 1] = j;
                    sum += x * HostMath.valueAt(b2, o);
                }
                v[f] = sum;
            }
            int[] dims = outDims;
            if (bv) {
                dims = Arrays.copyOf(dims, dims.length - 1);
            }
            if (av) {
                int[] d2 = new int[dims.length - 1];
                int drop = dims.length - (bv ? 1 : 2);
                for (int q = 0, w = 0; q < dims.length; q++) {
                    if (q != drop) {
                        d2[w++] = dims[q];
                    }
                }
                dims = d2;
            }
            return List.of(Expected.of(new TensorData(Shape.of(dims), v), t));
        };
    }

    private static Shape prefix(Shape s) {
        return Shape.of(Arrays.copyOf(s.toArray(), s.rank() - 2));
    }

    /** Size along {@code d}, 1 for a 0-d tensor. */
    private static int size(Shape s, int d) {
        return s.rank() == 0 ? 1 : s.dim(d);
    }

    /** Value of a possibly 0-d tensor at an index whose dims a 0-d tensor ignores. */
    private static double at(TensorData x, int[] idx) {
        return x.shape().rank() == 0 ? x.values()[0] : x.get(idx);
    }

    private static void checkIndex(TensorData index, int size) {
        for (double v : index.values()) {
            if (v < 0 || v >= size) {
                throw new IndexOutOfBoundsException("index " + (long) v + " out of range for size " + size);
            }
        }
    }

    /** gather with "dim": operands x, index (same rank, index.size(i) <= x.size(i) for i != dim). */
    public static HostReference gather() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            TensorData x = in.get(0);
            TensorData idx = in.get(1);
            int r = x.shape().rank();
            int d = HostMovement.dim(s.integer("dim"), r);
            if (idx.shape().rank() != r) {
                throw new IllegalArgumentException("gather: ranks differ");
            }
            for (int i = 0; i < r; i++) {
                if (i != d && idx.shape().dim(i) > x.shape().dim(i)) {
                    throw new IllegalArgumentException("gather: index too large at dim " + i);
                }
            }
            checkIndex(idx, size(x.shape(), d));
            double[] v = new double[idx.numel()];
            for (int f = 0; f < v.length; f++) {
                int[] p = TensorData.multiIndex(idx.shape(), f);
                int k = (int) idx.values()[f];
                if (r > 0) {
                    p[d] = k;
                }
                v[f] = at(x, p);
            }
            return List.of(Expected.of(new TensorData(idx.shape(), v), t));
        };
    }

    /** scatterAdd with "dim": operands self, index, src; the part of src the index covers is added. */
    public static HostReference scatterAdd() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            TensorData self = in.get(0);
            TensorData idx = in.get(1);
            TensorData src = in.get(2);
            int r = self.shape().rank();
            int d = HostMovement.dim(s.integer("dim"), r);
            if (idx.shape().rank() != r || src.shape().rank() != r) {
                throw new IllegalArgumentException("scatterAdd: ranks differ");
            }
            for (int i = 0; i < r; i++) {
                if (idx.shape().dim(i) > src.shape().dim(i) || (i != d && idx.shape().dim(i) > self.shape().dim(i))) {
                    throw new IllegalArgumentException("scatterAdd: index too large at dim " + i);
                }
            }
            checkIndex(idx, size(self.shape(), d));
            double[] v = self.values();
            boolean integral = t != DType.F32 && t != DType.F64;
            for (int f = 0; f < idx.numel(); f++) {
                int[] p = TensorData.multiIndex(idx.shape(), f);
                double add = at(src, p);
                if (r > 0) {
                    p[d] = (int) idx.values()[f];
                }
                int to = r == 0 ? 0 : TensorData.flatIndex(self.shape(), p);
                v[to] = integral ? HostMath.narrow((long) v[to] + (long) add, t) : v[to] + add;
            }
            return List.of(Expected.of(new TensorData(self.shape(), v), t));
        };
    }

    /** indexSelect with "dim": operands x and a 0-D or 1-D index. */
    public static HostReference indexSelect() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            TensorData x = in.get(0);
            TensorData idx = in.get(1);
            int r = x.shape().rank();
            int d = HostMovement.dim(s.integer("dim"), r);
            if (idx.shape().rank() > 1) {
                throw new IllegalArgumentException("indexSelect: index must be 0-D or 1-D");
            }
            checkIndex(idx, size(x.shape(), d));
            if (r == 0) {
                if (idx.numel() != 1) {
                    throw new IllegalArgumentException("indexSelect of a 0-d tensor needs one index");
                }
                return List.of(Expected.of(x, t));
            }
            double[] picks = idx.values();
            return List.of(Expected.of(HostMovement.along(x, d, picks.length, i -> (int) picks[i]), t));
        };
    }

    /** concat with "dim": operands joined along an existing dim; dtypes promote. */
    public static HostReference concat() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            Shape first = in.get(0).shape();
            if (first.rank() == 0) {
                throw new IllegalArgumentException("concat of 0-d tensors");
            }
            int d = HostMovement.dim(s.integer("dim"), first.rank());
            int total = 0;
            for (TensorData x : in) {
                for (int i = 0; i < first.rank(); i++) {
                    if (x.shape().rank() != first.rank() || (i != d && x.shape().dim(i) != first.dim(i))) {
                        throw new IllegalArgumentException("concat: shapes differ");
                    }
                }
                total += x.shape().dim(d);
            }
            int[] dims = first.toArray();
            dims[d] = total;
            Shape out = Shape.of(dims);
            double[] v = new double[out.numel()];
            for (int f = 0; f < v.length; f++) {
                int[] o = TensorData.multiIndex(out, f);
                int k = 0;
                while (o[d] >= in.get(k).shape().dim(d)) {
                    o[d] -= in.get(k).shape().dim(d);
                    k++;
                }
                v[f] = in.get(k).get(o);
            }
            return List.of(Expected.of(new TensorData(out, v), t));
        };
    }

    /** stack with "dim": equal shapes joined along a new dim. */
    public static HostReference stack() {
        return (s, t) -> {
            List<TensorData> in = HostReference.inputs(s, t);
            Shape first = in.get(0).shape();
            int r = first.rank();
            int d = s.integer("dim");
            if (d < -r - 1 || d > r) {
                throw new IllegalArgumentException("stack dim out of range");
            }
            int at = d < 0 ? d + r + 1 : d;
            int[] dims = new int[r + 1];
            for (int k = 0, j = 0; k <= r; k++) {
                dims[k] = k == at ? in.size() : first.dim(j++);
            }
            Shape out = Shape.of(dims);
            double[] v = new double[out.numel()];
            for (int f = 0; f < v.length; f++) {
                int[] o = TensorData.multiIndex(out, f);
                int[] idx = new int[r];
                for (int k = 0, j = 0; k <= r; k++) {
                    if (k != at) {
                        idx[j++] = o[k];
                    }
                }
                TensorData src = in.get(o[at]);
                if (!src.shape().equals(first)) {
                    throw new IllegalArgumentException("stack: shapes differ");
                }
                v[f] = src.get(idx);
            }
            return List.of(Expected.of(new TensorData(out, v), t));
        };
    }

    /** split with "dim" and "size" (form size) or "sizes" (form sizes). */
    public static HostReference split() {
        return (s, t) -> {
            TensorData x = HostReference.inputs(s, t).get(0);
            int d = HostMovement.dim(s.integer("dim"), x.shape().rank());
            int n = x.shape().dim(d);
            List<Integer> parts = new ArrayList<>();
            if (s.text("form").equals("size")) {
                int size = s.integer("size");
                if (size <= 0) {
                    throw new IllegalArgumentException("split size must be positive");
                }
                for (int at = 0; at < n || (n == 0 && parts.isEmpty()); at += size) {
                    parts.add(Math.min(size, n - at));
                }
            } else {
                int[] sizes = s.ints("sizes");
                if (Arrays.stream(sizes).sum() != n || Arrays.stream(sizes).anyMatch(p -> p < 0)) {
                    throw new IllegalArgumentException("split sizes must add up to " + n);
                }
                Arrays.stream(sizes).forEach(parts::add);
            }
            List<Expected> out = new ArrayList<>();
            int at = 0;
            for (int len : parts) {
                int from = at;
                out.add(Expected.of(HostMovement.along(x, d, len, i -> from + i), t));
                at += len;
            }
            return out;
        };
    }
}
