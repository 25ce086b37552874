package org.jgrad.core.cpu.reference;

import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.MultiIndex;
import org.jgrad.core.cpu.StridedLoop;
import org.jgrad.core.ops.ReduceOp;

/**
 * Reductions of the reference backend. Floating sums accumulate in float64 whatever the dtype, so the
 * reference is at least as accurate as any backend it checks.
 */
final class ReferenceReduce {
    private ReferenceReduce() {
    }

    /** The keepdim output shape: {@code in} with every reduced axis set to 1. */
    static Shape keepdimShape(Shape in, int[] axes) {
        int[] dims = in.toArray();
        for (int a : axes) {
            dims[a] = 1;
        }
        return Shape.of(dims);
    }

    /** SUM or MAX: walks the input with a view of the output whose reduced axes have stride 0. */
    static void sumOrMax(ReduceOp op, CpuStorage x, View vx, int[] axes, CpuStorage out) {
        Shape outShape = keepdimShape(vx.shape(), axes);
        int[] outStrides = outShape.contiguousStrides();
        for (int a : axes) {
            outStrides[a] = 0;
        }
        View scatter = new View(vx.shape(), outStrides, 0);
        int n = outShape.numel();
        boolean floating = x.dtype().isFloating();
        double[] accD = new double[n];
        long[] accL = new long[n];
        boolean isMax = op == ReduceOp.MAX;
        if (isMax) {
            java.util.Arrays.fill(accD, Double.NEGATIVE_INFINITY);
            java.util.Arrays.fill(accL, Long.MIN_VALUE);
        }
        StridedLoop loop = new StridedLoop(scatter, vx);
        int so = loop.innerStride(0);
        int sx = loop.innerStride(1);
        loop.forEachRun(0, loop.runCount(), (offs, len) -> {
            for (int i = 0; i < len; i++) {
                int o = offs[0] + i * so;
                int at = offs[1] + i * sx;
                if (floating) {
                    double v = x.getDouble(at);
                    if (!isMax) {
                        accD[o] += v;
                    } else if (v > accD[o] || Double.isNaN(v)) {
                        // NaN wins the max and stays (torch.amax propagates NaN).
                        accD[o] = Double.isNaN(accD[o]) ? accD[o] : v;
                    }
                } else {
                    long v = x.getLong(at);
                    accL[o] = isMax ? Math.max(accL[o], v) : accL[o] + v;
                }
            }
        });
        for (int i = 0; i < n; i++) {
            if (floating) {
                out.setDouble(i, accD[i]);
            } else {
                out.setLong(i, accL[i]);
            }
        }
    }

    /** Index of the first maximum along {@code axis} (NaN counts as the maximum, as in PyTorch). */
    static void argmax(CpuStorage x, View vx, int axis, CpuStorage out) {
        Shape outShape = keepdimShape(vx.shape(), new int[] {axis});
        int len = vx.shape().dim(axis);
        int step = vx.stride(axis);
        int[] strides = vx.strides();
        if (outShape.numel() == 0) {
            return;
        }
        MultiIndex it = new MultiIndex(outShape);
        int o = 0;
        do {
            int base = it.offset(strides, vx.offset());
            int best = 0;
            double bestValue = x.getDouble(base);
            for (int k = 1; k < len && !Double.isNaN(bestValue); k++) {
                double v = x.getDouble(base + k * step);
                if (v > bestValue || Double.isNaN(v)) {
                    best = k;
                    bestValue = v;
                }
            }
            out.setLong(o++, best);
        } while (it.next());
    }
}
