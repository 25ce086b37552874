package org.jgrad.nn.layers;

import java.util.Arrays;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.nn.Module;

/**
 * Normalises over the last dims (those of {@code normalizedShape}) to zero mean and unit (biased) variance,
 * then scales by {@code weight} and shifts by {@code bias} (PyTorch's {@code nn.LayerNorm}; weight ones and
 * bias zeros, both of the normalized shape, when {@code elementwiseAffine}). The same in training and
 * evaluation.
 *
 * <pre>{@code
 * LayerNorm norm = new LayerNorm(512);
 * Tensor h = norm.forward(x);   // x [B, T, 512]
 * }</pre>
 */
public class LayerNorm extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] normalizedShape;
    private final double eps;

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("LayerNorm: normalized_shape must be non-empty with positive dims,"
                    + " got " + Arrays.toString(normalizedShape));
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be finite and >= 0, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = elementwiseAffine ? Tensor.ones(DType.F32, normalizedShape).requiresGrad(true) : null;
        this.bias = elementwiseAffine ? Tensor.zeros(DType.F32, normalizedShape).requiresGrad(true) : null;
    }

    /** eps 1e-5, with weight and bias. */
    public LayerNorm(int[] normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** Over the last dim only, eps 1e-5, with weight and bias. */
    public LayerNorm(int normalizedSize) {
        this(new int[] {normalizedSize});
    }

    @Override
    public Tensor forward(Tensor x) {
        int k = normalizedShape.length;
        int[] shape = x.shape().toArray();
        if (shape.length < k || !Arrays.equals(shape, shape.length - k, shape.length, normalizedShape, 0, k)) {
            throw new IllegalArgumentException("LayerNorm(" + Arrays.toString(normalizedShape) + "): expected an input"
                    + " whose last dims are " + Arrays.toString(normalizedShape) + ", got " + x.shape());
        }
        return x.layerNorm(normalizedShape, weight, bias, eps);
    }

    /** The scale (of the normalized shape), or null without elementwise affine. */
    public Tensor weight() {
        return weight;
    }

    /** The shift (of the normalized shape), or null without elementwise affine. */
    public Tensor bias() {
        return bias;
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    @Override
    protected String extraRepr() {
        String dims = Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')');
        return (normalizedShape.length == 1 ? dims.replace(")", ",)") : dims) + ", eps=" + eps
                + ", elementwise_affine=" + (weight != null);
    }
}
