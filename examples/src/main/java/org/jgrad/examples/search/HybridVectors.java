package org.jgrad.examples.search;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;

/**
 * Text and image vectors of the same products combined into one: each normalised to unit length, mixed with
 * weights (0.7 text, 0.3 image by default), normalised again. With unit inputs the weights say how much each
 * view counts in a cosine, whatever the two encoders' scales.
 *
 * <pre>{@code
 * Tensor hybrid = HybridVectors.combine(textVectors, imageVectors, 0.7, 0.3);   // [P, dim], unit rows
 * }</pre>
 */
public final class HybridVectors {
    private HybridVectors() {
    }

    public static Tensor combine(Tensor text, Tensor image, double textWeight, double imageWeight) {
        if (!text.shape().equals(image.shape()) || text.rank() != 2) {
            throw new IllegalArgumentException("HybridVectors: text and image vectors must both be [P, dim], got "
                    + text.shape() + " and " + image.shape());
        }
        if (textWeight < 0 || imageWeight < 0 || textWeight + imageWeight == 0) {
            throw new IllegalArgumentException("HybridVectors: weights must be >= 0 and not both 0, got text "
                    + textWeight + ", image " + imageWeight);
        }
        try (var noGrad = GradMode.noGrad()) {
            Tensor mixed = text.normalize(2, 1, 1e-12).mul(textWeight)
                    .add(image.normalize(2, 1, 1e-12).mul(imageWeight));
            return mixed.normalize(2, 1, 1e-12);
        }
    }
}
