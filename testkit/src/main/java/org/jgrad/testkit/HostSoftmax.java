package org.jgrad.testkit;

import java.util.List;
import org.jgrad.core.DType;

/**
 * Plain-loop softmax and log-softmax in float64, shifted by the max: the host reference of core's fused
 * {@code softmax}/{@code logSoftmax} and of autograd's entries (and of cross entropy's log-probabilities).
 *
 * <pre>{@code
 * TensorData p = HostSoftmax.softmax(x, -1, false);
 * }</pre>
 */
public final class HostSoftmax {
    private HostSoftmax() {
    }

    /** softmax (or log-softmax when {@code log}) of {@code x} along {@code dim}. */
    public static TensorData softmax(TensorData x, int dim, boolean log) {
        int[] ax = {dim};
        TensorData m = HostReductions.reduce(HostReductions.Kind.MAX, x, ax, true);
        TensorData e = HostMath.zip(List.of(x, m), v -> Math.exp(v[0] - v[1]));
        TensorData z = HostReductions.reduce(HostReductions.Kind.SUM, e, ax, true);
        if (log) {
            TensorData lse = HostMath.zip(List.of(z, m), v -> Math.log(v[0]) + v[1]);
            return HostMath.zip(List.of(x, lse), v -> v[0] - v[1]);
        }
        return HostMath.zip(List.of(e, z), v -> v[0] / v[1]);
    }

    /** The reference for samples with one data operand and a {@code dim}, in the run's dtype; empty inputs give themselves. */
    public static HostReference reference(boolean log) {
        return (s, t) -> {
            TensorData x = HostReference.inputs(s, DType.F64).get(0);
            TensorData y = x.numel() == 0 ? x : softmax(x, s.integer("dim"), log);
            return List.of(Expected.of(y, t));
        };
    }
}
