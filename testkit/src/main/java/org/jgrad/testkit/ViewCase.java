package org.jgrad.testkit;

import org.jgrad.core.NDArray;

/**
 * A (usually) non-contiguous view with the values it must show.
 *
 * <pre>{@code
 * ViewCase c = recipe.materialize(data, backend, DType.F32);
 * // c.view() is strided, c.contiguousCopy() and c.fresh() are dense; all must behave alike in every op
 * assertEquals(c.shown(), TensorData.from(c.view()));
 * }</pre>
 *
 * @param view   the view (strided, flipped, expanded, offset into a bigger storage)
 * @param shown  the values the view must show, as an independent host-side oracle computes them
 * @param recipe how the view was made
 */
public record ViewCase(NDArray view, TensorData shown, ViewRecipe recipe) {

    /** {@code view().contiguous()}: the same values in a fresh dense array (made by core's copy kernel). */
    public NDArray contiguousCopy() {
        return view.contiguous();
    }

    /** The shown values as a fresh dense array made without any core kernel (see {@link TensorData#on}). */
    public NDArray fresh() {
        return shown.on(view.backend(), view.dtype());
    }

    @Override
    public String toString() {
        return shown + " via " + recipe + " (strides " + java.util.Arrays.toString(view.view().strides())
                + ", offset " + view.view().offset() + ")";
    }
}
