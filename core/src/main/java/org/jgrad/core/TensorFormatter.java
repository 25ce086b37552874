package org.jgrad.core;

import java.util.Locale;

/**
 * PyTorch-style printing: {@code tensor([[1.0000, 2.5000], [3.0000, 4.0000]], shape=[2, 2], dtype=float32)}.
 *
 * <p>As in {@code torch._tensor_str}: floats whose values are all integral print as {@code 1.}, others with
 * four decimals, switching to scientific notation when the magnitudes span more than 1000x or leave
 * [1e-4, 1e8]; all elements share one width; tensors over {@value #THRESHOLD} elements print the first and
 * last {@value #EDGE_ITEMS} entries of each dim around {@code ...}; rows wrap at {@value #LINE_WIDTH} chars.
 */
final class TensorFormatter {
    static final int THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;
    static final int LINE_WIDTH = 80;
    private static final String PREFIX = "tensor(";

    private TensorFormatter() {
    }

    static String format(NDArray t) {
        boolean summarize = t.numel() > THRESHOLD;
        NDArray shown = summarize ? summarized(t) : t;
        double[] values = shown.toDoubleArray();
        ValueFormat fmt = ValueFormat.choose(t.dtype(), values);
        StringBuilder sb = new StringBuilder(PREFIX);
        if (t.rank() == 0) {
            sb.append(fmt.format(values[0]).strip());
        } else if (t.numel() == 0) {
            sb.append("[]");
        } else {
            int[] pos = {0};
            body(sb, t.shape(), 0, values, pos, fmt, summarize, PREFIX.length());
        }
        return sb.append(", shape=").append(t.shape()).append(", dtype=").append(t.dtype().torchName())
                .append(')').toString();
    }

    /** The elements that get printed: along each long dim, the first and last EDGE_ITEMS. */
    private static NDArray summarized(NDArray t) {
        NDArray s = t;
        for (int d = 0; d < t.rank(); d++) {
            if (s.size(d) > 2 * EDGE_ITEMS) {
                s = NDArray.concat(d, s.narrow(d, 0, EDGE_ITEMS), s.narrow(d, s.size(d) - EDGE_ITEMS, EDGE_ITEMS));
            }
        }
        return s;
    }

    private static void body(StringBuilder sb, Shape full, int dim, double[] values, int[] pos, ValueFormat fmt,
                             boolean summarize, int indent) {
        int size = full.dim(dim);
        boolean cut = summarize && size > 2 * EDGE_ITEMS;
        int shown = cut ? 2 * EDGE_ITEMS : size;
        sb.append('[');
        if (dim == full.rank() - 1) {
            int perLine = Math.max(1, (LINE_WIDTH - indent - 1) / (fmt.width() + 2));
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    sb.append(',');
                    sb.append(i % perLine == 0 ? "\n" + " ".repeat(indent + 1) : " ");
                }
                if (cut && i == EDGE_ITEMS) {
                    // torch prints the ellipsis as the element " ...", hence two spaces after the comma.
                    sb.append(" ...,").append(i % perLine == 0 ? "\n" + " ".repeat(indent + 1) : " ");
                }
                sb.append(fmt.format(values[pos[0]++]));
            }
        } else {
            String gap = "," + "\n".repeat(full.rank() - dim - 1) + " ".repeat(indent + 1);
            for (int i = 0; i < shown; i++) {
                if (i > 0) {
                    sb.append(gap);
                }
                if (cut && i == EDGE_ITEMS) {
                    sb.append("...").append(gap);
                }
                body(sb, full, dim + 1, values, pos, fmt, summarize, indent + 1);
            }
        }
        sb.append(']');
    }

    /** How every element of one tensor is printed (one shared width). */
    private record ValueFormat(DType dtype, String pattern, int width) {
        static ValueFormat choose(DType dtype, double[] values) {
            if (dtype == DType.BOOL) {
                return new ValueFormat(dtype, null, values.length > 0 && hasFalse(values) ? 5 : 4);
            }
            if (!dtype.isFloating()) {
                int w = 1;
                for (double v : values) {
                    w = Math.max(w, Long.toString((long) v).length());
                }
                return new ValueFormat(dtype, null, w);
            }
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            boolean allIntegral = true;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
                allIntegral &= v == Math.rint(v);
            }
            String pattern;
            if (allIntegral) {
                pattern = maxAbs <= 1e8 ? "%.0f." : "%.4e";
            } else {
                boolean sci = maxAbs != 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4);
                pattern = sci ? "%.4e" : "%.4f";
            }
            // As in torch, the shared width comes from the finite values; nan and inf just print as they are.
            int w = 1;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    w = Math.max(w, render(v, pattern).length());
                }
            }
            return new ValueFormat(dtype, pattern, w);
        }

        private static boolean hasFalse(double[] values) {
            for (double v : values) {
                if (v == 0) {
                    return true;
                }
            }
            return false;
        }

        private static String render(double v, String pattern) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return String.format(Locale.ROOT, pattern, v);
        }

        String format(double v) {
            String s;
            if (dtype == DType.BOOL) {
                s = v != 0 ? "True" : "False";
            } else if (!dtype.isFloating()) {
                s = Long.toString((long) v);
            } else {
                s = render(v, pattern);
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
