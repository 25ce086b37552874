package org.jgrad.nn.data;

import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * Per-column standardisation {@code (x - mean) / scale}, as scikit-learn's {@code StandardScaler}: fitted on
 * a {@code [N, F]} table, it maps every column to mean 0 and standard deviation 1.
 *
 * <p>Fit it on the training data only and apply the same transform to validation and test data; fitting on
 * all of it would leak their statistics into training. {@link #mean()} and {@link #scale()} can be saved in
 * a checkpoint and restored with {@link #of}.
 *
 * <p>{@code scale} is the population standard deviation (ddof = 0, as scikit-learn), except that a column
 * whose standard deviation is exactly 0 (a constant column) gets scale 1, so it maps to 0 instead of NaN.
 * The statistics are accumulated in float64 (two passes: mean, then squared deviations) whatever the input
 * dtype, then stored in the input's floating dtype (F32 for F32 and integer input).
 *
 * <pre>{@code
 * Standardizer s = new Standardizer();
 * NDArray trainX = s.fitTransform(rawTrainX);     // fitted on the training rows only
 * NDArray testX = s.transform(rawTestX);          // the training statistics, reused
 * }</pre>
 */
public final class Standardizer {
    private NDArray mean;
    private NDArray scale;

    /** An unfitted standardizer; call {@link #fit} first. */
    public Standardizer() {
    }

    /**
     * A fitted standardizer with given statistics, e.g. restored from a checkpoint.
     *
     * @throws IllegalArgumentException when the two are not 1-D of one length, or a scale is not positive
     */
    public static Standardizer of(NDArray mean, NDArray scale) {
        Objects.requireNonNull(mean, "Standardizer.of: mean must not be null");
        Objects.requireNonNull(scale, "Standardizer.of: scale must not be null");
        if (mean.rank() != 1 || !mean.shape().equals(scale.shape())) {
            throw new IllegalArgumentException("Standardizer.of: mean " + mean.shape() + " and scale " + scale.shape()
                    + " must both be 1-D of the same length (one value per column)");
        }
        if (scale.numel() > 0 && !(scale.to(DType.F64).neg().max().item() < 0)) {
            throw new IllegalArgumentException("Standardizer.of: every scale must be > 0, got " + scale);
        }
        Standardizer s = new Standardizer();
        s.mean = mean;
        s.scale = scale;
        return s;
    }

    /**
     * Computes the per-column mean and scale of {@code x}, {@code [N, F]} with {@code N >= 1}, replacing any
     * earlier fit.
     *
     * @return this standardizer
     */
    public Standardizer fit(NDArray x) {
        Objects.requireNonNull(x, "Standardizer.fit: x must not be null");
        if (x.rank() != 2 || x.size(0) == 0) {
            throw new IllegalArgumentException("Standardizer.fit: expected a [N, F] table with N >= 1 rows, got shape "
                    + x.shape());
        }
        int[] rows = {0};
        NDArray x64 = x.to(DType.F64);
        NDArray m = x64.sum(rows, true).div(x.size(0));
        NDArray centred = x64.sub(m);
        NDArray std = centred.mul(centred).sum(rows, false).div(x.size(0)).sqrt();
        NDArray safe = NDArray.where(std.eq(0.0), NDArray.on(std.backend()).ones(DType.F64, std.size(0)), std);
        DType out = x.dtype().toFloating();
        // Both are assigned only now, so a failure above leaves the previous fit intact.
        this.mean = m.reshape(-1).to(out);
        this.scale = safe.to(out);
        return this;
    }

    /** {@link #fit(NDArray)} on a tensor's values. */
    public Standardizer fit(Tensor x) {
        return fit(Objects.requireNonNull(x, "Standardizer.fit: x must not be null").data());
    }

    /** {@code (x - mean) / scale}, column by column; {@code x} must have the fitted number of columns. */
    public NDArray transform(NDArray x) {
        check("transform", x);
        return x.sub(mean.to(x.backend())).div(scale.to(x.backend()));
    }

    /** {@link #transform(NDArray)} as tensor ops (differentiable with respect to {@code x}). */
    public Tensor transform(Tensor x) {
        check("transform", x.data());
        return x.sub(Tensor.of(mean.to(x.backend()))).div(Tensor.of(scale.to(x.backend())));
    }

    /** {@code y * scale + mean}: undoes {@link #transform}. */
    public NDArray inverseTransform(NDArray y) {
        check("inverseTransform", y);
        return y.mul(scale.to(y.backend())).add(mean.to(y.backend()));
    }

    /** {@link #inverseTransform(NDArray)} as tensor ops. */
    public Tensor inverseTransform(Tensor y) {
        check("inverseTransform", y.data());
        return y.mul(Tensor.of(scale.to(y.backend()))).add(Tensor.of(mean.to(y.backend())));
    }

    /** {@link #fit} then {@link #transform} of the same table. */
    public NDArray fitTransform(NDArray x) {
        return fit(x).transform(x);
    }

    /** {@link #fit} then {@link #transform} of the same tensor. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** True once fitted (or made by {@link #of}). */
    public boolean isFitted() {
        return mean != null;
    }

    /** The per-column means, {@code [F]}. */
    public NDArray mean() {
        requireFitted("mean");
        return mean;
    }

    /** The per-column scales, {@code [F]}: the population standard deviation, 1 for constant columns. */
    public NDArray scale() {
        requireFitted("scale");
        return scale;
    }

    private void check(String op, NDArray x) {
        requireFitted(op);
        Objects.requireNonNull(x, "Standardizer." + op + ": input must not be null");
        int f = mean.size(0);
        if (x.rank() < 1 || x.size(-1) != f) {
            throw new IllegalArgumentException("Standardizer." + op + ": fitted on " + f + " columns but got shape "
                    + x.shape() + " (expected [N, " + f + "])");
        }
    }

    private void requireFitted(String op) {
        if (mean == null) {
            throw new IllegalStateException("Standardizer." + op + ": not fitted; call fit(trainingData) first");
        }
    }
}
