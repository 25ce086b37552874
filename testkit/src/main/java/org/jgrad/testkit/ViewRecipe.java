package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.Backend;

/**
 * How to reach a tensor of a given shape as a non-contiguous view of a bigger base tensor:
 * {@code base.slice(d, start[d], .., step[d])} for every dim, then {@code flip} of the flagged dims, then
 * {@code permute(order)}, then {@code expand} of the flagged output dims (stride 0).
 *
 * <p>The base is filled so that the view shows known values: {@link #materialize} writes the wanted values
 * where the view will read them (the positions are computed here with plain index arithmetic, independent
 * of core's {@code View}) and a filler (NaN) everywhere else, so a kernel that reads outside its view
 * produces visibly wrong numbers. An expanded dim shows the values at index 0 along it.
 *
 * <p>Arrays indexed by base dim: {@code start}, {@code step}, {@code pad} (extra elements after the slice),
 * {@code flip}. Indexed by output dim: {@code order} (output dim {@code i} is base dim {@code order[i]}) and
 * {@code expand}.
 *
 * <pre>{@code
 * ViewRecipe r = new ViewRecipe(new int[] {1, 0}, new int[] {1, 0}, new int[] {2, 1}, new int[] {0, 1},
 *         new boolean[] {false, true}, new boolean[] {false, false});
 * ViewCase c = r.materialize(data, Backends.get("reference"), DType.F64);
 * c.view();            // a transposed, strided, flipped view holding data's values
 * }</pre>
 */
public record ViewRecipe(int[] order, int[] start, int[] step, int[] pad, boolean[] flip, boolean[] expand) {

    public ViewRecipe {
        int r = order.length;
        if (start.length != r || step.length != r || pad.length != r || flip.length != r || expand.length != r) {
            throw new IllegalArgumentException("ViewRecipe: all arrays need length " + r);
        }
        boolean[] seen = new boolean[r];
        for (int d : order) {
            if (d < 0 || d >= r || seen[d]) {
                throw new IllegalArgumentException("ViewRecipe: order " + Arrays.toString(order)
                        + " is no permutation");
            }
            seen[d] = true;
        }
        for (int i = 0; i < r; i++) {
            if (step[i] < 1 || start[i] < 0 || pad[i] < 0) {
                throw new IllegalArgumentException("ViewRecipe: need step >= 1, start >= 0, pad >= 0");
            }
        }
        order = order.clone();
        start = start.clone();
        step = step.clone();
        pad = pad.clone();
        flip = flip.clone();
        expand = expand.clone();
    }

    /** The recipe that changes nothing: the base is the tensor itself. */
    public static ViewRecipe identity(int rank) {
        int[] order = new int[rank];
        int[] ones = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
            ones[i] = 1;
        }
        return new ViewRecipe(order, new int[rank], ones, new int[rank], new boolean[rank], new boolean[rank]);
    }

    public int rank() {
        return order.length;
    }

    /** The sizes of the sliced, flipped base before {@code permute}: base dim {@code order[i]} has size out[i]. */
    private int[] slicedSizes(Shape target) {
        int[] sliced = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            sliced[order[i]] = expand[i] ? 1 : target.dim(i);
        }
        return sliced;
    }

    /** The shape of the base tensor this recipe slices. */
    public Shape baseShape(Shape target) {
        checkRank(target);
        int[] sliced = slicedSizes(target);
        int[] base = new int[rank()];
        for (int d = 0; d < rank(); d++) {
            int span = sliced[d] == 0 ? 0 : (sliced[d] - 1) * step[d] + 1;
            base[d] = start[d] + span + pad[d];
        }
        return Shape.of(base);
    }

    /**
     * The view of {@code base} (of shape {@link #baseShape}) that has shape {@code target}, built with core's
     * movement ops.
     */
    public NDArray apply(NDArray base, Shape target) {
        checkRank(target);
        int[] sliced = slicedSizes(target);
        NDArray v = base;
        List<Integer> flipped = new ArrayList<>();
        for (int d = 0; d < rank(); d++) {
            int end = sliced[d] == 0 ? start[d] : start[d] + (sliced[d] - 1) * step[d] + 1;
            v = v.slice(d, start[d], end, step[d]);
            if (flip[d]) {
                flipped.add(d);
            }
        }
        if (!flipped.isEmpty()) {
            v = v.flip(flipped.stream().mapToInt(Integer::intValue).toArray());
        }
        v = v.permute(order);
        return anyExpanded() ? v.expand(target.toArray()) : v;
    }

    /** Storage position in the row-major base of the element the view shows at output index {@code t}. */
    public int baseFlatIndex(Shape target, int[] t) {
        int[] sliced = slicedSizes(target);
        Shape base = baseShape(target);
        int[] c = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            int idx = expand[i] ? 0 : t[i];
            int d = order[i];
            int pos = flip[d] ? sliced[d] - 1 - idx : idx;
            c[d] = start[d] + pos * step[d];
        }
        return TensorData.flatIndex(base, c);
    }

    /** The values the view shows when built from {@code wanted}: equal, except expanded dims repeat index 0. */
    public TensorData shownValues(TensorData wanted) {
        checkRank(wanted.shape());
        double[] w = wanted.values();
        double[] out = new double[w.length];
        for (int f = 0; f < w.length; f++) {
            out[f] = w[TensorData.flatIndex(wanted.shape(), pinExpanded(TensorData.multiIndex(wanted.shape(), f)))];
        }
        return new TensorData(wanted.shape(), out);
    }

    /**
     * A base filled with {@code filler}, then the view of it that shows {@link #shownValues}(wanted), on
     * {@code backend} in {@code dtype}; {@link ViewCase#shown()} holds those values as {@code dtype} has them.
     */
    public ViewCase materialize(TensorData wanted, Backend backend, DType dtype, double filler) {
        Shape target = wanted.shape();
        Shape baseShape = baseShape(target);
        double[] base = new double[baseShape.numel()];
        Arrays.fill(base, filler);
        TensorData shown = shownValues(wanted).as(dtype);
        double[] s = shown.values();
        for (int f = 0; f < s.length; f++) {
            base[baseFlatIndex(target, TensorData.multiIndex(target, f))] = s[f];
        }
        NDArray baseArray = new TensorData(baseShape, base).on(backend, dtype);
        NDArray view = apply(baseArray, target);
        return new ViewCase(view, shown, this);
    }

    /** {@link #materialize(TensorData, Backend, DType, double)} with NaN as filler (-77 for integers and bool). */
    public ViewCase materialize(TensorData wanted, Backend backend, DType dtype) {
        return materialize(wanted, backend, dtype, dtype.isFloating() ? Double.NaN : -77);
    }

    /** True when some output dim is expanded (stride 0). */
    public boolean anyExpanded() {
        for (boolean e : expand) {
            if (e) {
                return true;
            }
        }
        return false;
    }

    private int[] pinExpanded(int[] t) {
        int[] p = t.clone();
        for (int i = 0; i < p.length; i++) {
            if (expand[i]) {
                p[i] = 0;
            }
        }
        return p;
    }

    private void checkRank(Shape target) {
        if (target.rank() != rank()) {
            throw new IllegalArgumentException("ViewRecipe of rank " + rank() + " used for shape " + target);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ViewRecipe r && Arrays.equals(order, r.order) && Arrays.equals(start, r.start)
                && Arrays.equals(step, r.step) && Arrays.equals(pad, r.pad) && Arrays.equals(flip, r.flip)
                && Arrays.equals(expand, r.expand);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(order) * 31 + Arrays.hashCode(step);
    }

    /** E.g. {@code slice(start=[0, 1], step=[2, 1]) flip[1] permute[1, 0] expand[0]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("view: slice(start=").append(Arrays.toString(start))
                .append(", step=").append(Arrays.toString(step)).append(", pad=").append(Arrays.toString(pad))
                .append(')');
        sb.append(" flip").append(flagged(flip)).append(" permute").append(Arrays.toString(order))
                .append(" expand").append(flagged(expand));
        return sb.toString();
    }

    private static String flagged(boolean[] flags) {
        List<Integer> on = new ArrayList<>();
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                on.add(i);
            }
        }
        return on.toString();
    }
}
