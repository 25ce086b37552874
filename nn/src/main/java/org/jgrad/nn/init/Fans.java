package org.jgrad.nn.init;

import org.jgrad.core.Shape;

/**
 * Fan-in and fan-out of a weight, as PyTorch's {@code _calculate_fan_in_and_fan_out}: for a shape
 * {@code [out, in, k1, k2, ...]} the receptive field is {@code k1 * k2 * ...} (1 for a Linear weight), fan-in
 * is {@code in * receptive} and fan-out {@code out * receptive}.
 *
 * <pre>{@code
 * Fans f = Fans.of(Shape.of(64, 3, 5, 5));   // fanIn 75, fanOut 1600
 * }</pre>
 */
public record Fans(long fanIn, long fanOut) {
    /** The fans of a weight of this shape; it needs at least 2 dims. */
    public static Fans of(Shape shape) {
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("fan in and fan out cannot be computed for a tensor with fewer than"
                    + " 2 dimensions (shape " + shape + "); these initialisers are for weights [out, in, ...]");
        }
        long receptive = 1;
        for (int d = 2; d < shape.rank(); d++) {
            receptive *= shape.dim(d);
        }
        return new Fans((long) shape.dim(1) * receptive, (long) shape.dim(0) * receptive);
    }

    /** The fan selected by {@code mode}. */
    public long get(FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn : fanOut;
    }
}
