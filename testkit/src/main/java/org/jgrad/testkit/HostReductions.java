package org.jgrad.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * Plain-loop reductions over host values, for any axis set: the {@link HostReference}s of sum, max and
 * argmax. argmax over several axes is the row-major position of the first maximum within the reduced block
 * (NaN counts as the maximum, as in PyTorch).
 *
 * <pre>{@code
 * TensorData s = HostReductions.reduce(HostReductions.Kind.SUM, x, new int[] {0, -1}, true);
 * }</pre>
 */
public final class HostReductions {
    private HostReductions() {
    }

    /** The reductions. */
    public enum Kind { SUM, MAX, ARGMAX }

    /**
     * Sorted non-negative axes for {@code rank}; a rank-0 tensor accepts 0 and -1 and has nothing to
     * reduce; out-of-range and repeated axes raise.
     */
    public static int[] normalize(int[] axes, int rank) {
        int r = Math.max(rank, 1);
        for (int a : axes) {
            if (a < -r || a >= r) {
                throw new IllegalArgumentException("axis " + a + " out of range for rank " + rank);
            }
        }
        int[] n = Arrays.stream(axes).map(a -> a < 0 ? a + r : a).sorted().toArray();
        if (Arrays.stream(n).distinct().count() != n.length) {
            throw new IllegalArgumentException("repeated axis in " + Arrays.toString(axes));
        }
        return rank == 0 ? new int[0] : n;
    }

    /** The reduction of {@code x} over {@code axes}; max and argmax raise when a reduced dim has size 0. */
    public static TensorData reduce(Kind kind, TensorData x, int[] axes, boolean keepdim) {
        Shape in = x.shape();
        int[] ax = normalize(axes, in.rank());
        boolean[] reduced = new boolean[in.rank()];
        int[] keep = in.toArray();
        for (int a : ax) {
            reduced[a] = true;
            if (kind != Kind.SUM && in.dim(a) == 0) {
                throw new IllegalArgumentException(kind + " over a dim of size 0");
            }
            keep[a] = 1;
        }
        Shape keepShape = Shape.of(keep);
        int n = keepShape.numel();
        double[] acc = new double[n];
        long[] best = new long[n];
        boolean[] started = new boolean[n];
        double[] v = x.values();
        for (int f = 0; f < v.length; f++) {
            int[] idx = TensorData.multiIndex(in, f);
            long block = 0;
            for (int d = 0; d < idx.length; d++) {
                if (reduced[d]) {
                    block = block * in.dim(d) + idx[d];
                    idx[d] = 0;
                }
            }
            int o = TensorData.flatIndex(keepShape, idx);
            double val = v[f];
            if (kind == Kind.SUM) {
                acc[o] += val;
            } else if (!started[o] || (!Double.isNaN(acc[o]) && (val > acc[o] || Double.isNaN(val)))) {
                acc[o] = val;
                best[o] = block;
                started[o] = true;
            }
        }
        double[] out = kind == Kind.ARGMAX ? Arrays.stream(best).asDoubleStream().toArray() : acc;
        Shape outShape = keepdim ? keepShape
                : Shape.of(IntStream.range(0, in.rank()).filter(d -> !reduced[d]).map(in::dim).toArray());
        return new TensorData(outShape, out);
    }

    /** Sum of |x| per output: the magnitude rounding bounds of a float sum are stated in. */
    public static TensorData absSum(TensorData x, int[] axes, boolean keepdim) {
        return reduce(Kind.SUM, HostMath.map(x, Math::abs), axes, keepdim);
    }

    /**
     * The reference of a reduction entry whose samples have {@code form} "all", "dim" or "axes": sum of
     * integers and bool is I64, max keeps the dtype, argmax is I64.
     */
    public static HostReference reference(Kind kind) {
        return (s, t) -> {
            TensorData x = HostReference.inputs(s, t).get(0);
            int rank = x.shape().rank();
            String form = s.text("form");
            int[] axes = switch (form) {
                case "all" -> IntStream.range(0, rank).toArray();
                case "dim" -> new int[] {s.integer("dim")};
                default -> s.ints("axes");
            };
            boolean keepdim = !form.equals("all") && s.flag("keepdim");
            if (kind == Kind.ARGMAX && form.equals("all") && x.numel() == 0) {
                throw new IllegalArgumentException("argmax of an empty tensor");
            }
            DType out = switch (kind) {
                case SUM -> t == DType.F32 || t == DType.F64 ? t : DType.I64;
                case MAX -> t;
                case ARGMAX -> DType.I64;
            };
            return List.of(Expected.of(reduce(kind, x, axes, keepdim), out));
        };
    }
}
