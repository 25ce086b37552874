package org.jgrad.nn.layers;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.nn.Buffer;
import org.jgrad.nn.Module;

/**
 * Batch normalisation over the channels of an {@code [N, C]} or {@code [N, C, L]} input (PyTorch's
 * {@code nn.BatchNorm1d}). In training it normalises with the batch's mean and biased variance, and updates
 * the running statistics ({@code running = (1 - momentum) running + momentum batch}, with the unbiased
 * variance) and {@code num_batches_tracked}; in evaluation it normalises with the running statistics.
 *
 * <p>{@code momentum == null} is PyTorch's {@code momentum=None}: the running statistics become the
 * cumulative average of all batches seen (factor {@code 1 / num_batches_tracked}). Without
 * {@code trackRunningStats} there are no running statistics and batch statistics are used in both modes.
 *
 * <p>State: parameters {@code weight} (ones) and {@code bias} (zeros) when affine; buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (an I64 scalar) when
 * tracking, as PyTorch's state-dict keys.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(64);
 * Tensor h = bn.forward(x);   // x [N, 64]; updates bn.runningMean()
 * bn.eval();
 * Tensor y = bn.forward(x);   // uses the running statistics
 * }</pre>
 */
public class BatchNorm1d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    @Buffer private final Tensor runningMean;
    @Buffer private final Tensor runningVar;
    @Buffer private final Tensor numBatchesTracked;
    private final int numFeatures;
    private final double eps;
    private final Double momentum;

    /**
     * @param momentum the running statistics' update factor, or null for a cumulative average
     */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("BatchNorm1d: num_features must be positive, got " + numFeatures);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("BatchNorm1d: eps must be finite and >= 0, got " + eps);
        }
        if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1] (or null for a cumulative"
                    + " average), got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? Tensor.ones(DType.F32, numFeatures).requiresGrad(true) : null;
        this.bias = affine ? Tensor.zeros(DType.F32, numFeatures).requiresGrad(true) : null;
        this.runningMean = trackRunningStats ? Tensor.zeros(DType.F32, numFeatures) : null;
        this.runningVar = trackRunningStats ? Tensor.ones(DType.F32, numFeatures) : null;
        this.numBatchesTracked = trackRunningStats ? Tensor.scalar(0, DType.I64) : null;
    }

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics: PyTorch's defaults. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true);
    }

    @Override
    public Tensor forward(Tensor x) {
        if ((x.rank() != 2 && x.rank() != 3) || x.size(1) != numFeatures) {
            throw new IllegalArgumentException("BatchNorm1d(" + numFeatures + "): expected an input [N, "
                    + numFeatures + "] or [N, " + numFeatures + ", L], got " + x.shape());
        }
        boolean tracking = runningMean != null;
        if (isTraining() && x.numel() / numFeatures == 1) {
            throw new IllegalArgumentException("BatchNorm1d(" + numFeatures + "): Expected more than 1 value per"
                    + " channel when training, got input " + x.shape());
        }
        double factor = 0;
        if (isTraining() && tracking) {
            try (var noGrad = GradMode.noGrad()) {
                numBatchesTracked.add_(Tensor.of(numBatchesTracked.creation().scalar(1, DType.I64)));
            }
            // Only the cumulative average (momentum null) reads the count back, as PyTorch does; the default
            // exponential average never waits for a device.
            factor = momentum != null ? momentum : 1.0 / numBatchesTracked.item();
        }
        // Batch statistics in training, and always when there are no running ones (PyTorch's bn_training).
        boolean useBatchStats = isTraining() || !tracking;
        return x.batchNorm(runningMean, runningVar, weight, bias, useBatchStats, factor, eps);
    }

    /** The scale {@code [C]}, or null when not affine. */
    public Tensor weight() {
        return weight;
    }

    /** The shift {@code [C]}, or null when not affine. */
    public Tensor bias() {
        return bias;
    }

    /** The running mean {@code [C]} (a buffer), or null when not tracking running statistics. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance {@code [C]} (a buffer), or null when not tracking. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Training batches seen so far (0 when not tracking). */
    public long numBatchesTracked() {
        return numBatchesTracked == null ? 0 : (long) numBatchesTracked.item();
    }

    public int numFeatures() {
        return numFeatures;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + (momentum == null ? "None" : momentum) + ", affine="
                + (weight != null) + ", track_running_stats=" + (runningMean != null);
    }
}
