package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.ConvSamples.both;

import java.util.List;
import org.jgrad.core.Shape;
import org.jgrad.testkit.HostReference;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.TensorData;

/**
 * Plain-loop float64 references of padding, unfold, conv2d and maxPool2d, written from the definitions (one
 * output element at a time, padding handled by a bounds test), independent of the composites they check.
 */
final class ConvRefs {
    private ConvRefs() {
    }

    static HostReference pad() {
        return (s, t) -> {
            TensorData x = GradRefs.in(s).get(0);
            int[] pad = s.ints("padding");
            int[] in = x.shape().toArray();
            int[] before = new int[in.length];
            int[] out = in.clone();
            for (int pair = 0; pair < pad.length / 2; pair++) {
                int d = in.length - 1 - pair;
                before[d] = pad[2 * pair];
                out[d] += pad[2 * pair] + pad[2 * pair + 1];
            }
            Shape os = Shape.of(out);
            double[] v = new double[os.numel()];
            for (int f = 0; f < v.length; f++) {
                int[] idx = TensorData.multiIndex(os, f);
                boolean inside = true;
                for (int d = 0; d < idx.length; d++) {
                    idx[d] -= before[d];
                    inside &= idx[d] >= 0 && idx[d] < in[d];
                }
                v[f] = inside ? x.get(idx) : s.number("value");
            }
            return GradRefs.out(new TensorData(os, v));
        };
    }

    /** Out-of-range pixels read as {@code fill}. */
    private record Image(TensorData x, double fill) {
        double at(int n, int c, int row, int col) {
            Shape s = x.shape();
            return row < 0 || col < 0 || row >= s.dim(2) || col >= s.dim(3) ? fill : x.get(n, c, row, col);
        }
    }

    /** The window geometry of a sample, resolved to (h, w) pairs and output sizes. */
    private record Geometry(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int outH, int outW) {
        static Geometry of(SampleInput s, Shape x, int kh, int kw) {
            int[] st = both(s.ints("stride"));
            int[] p = both(s.ints("padding"));
            int[] d = s.has("dilation") ? both(s.ints("dilation")) : new int[] {1, 1};
            int outH = (x.dim(2) + 2 * p[0] - d[0] * (kh - 1) - 1) / st[0] + 1;
            int outW = (x.dim(3) + 2 * p[1] - d[1] * (kw - 1) - 1) / st[1] + 1;
            return new Geometry(kh, kw, st[0], st[1], p[0], p[1], d[0], d[1], outH, outW);
        }

        int row(int y, int i) {
            return y * sh + i * dh - ph;
        }

        int col(int x, int j) {
            return x * sw + j * dw - pw;
        }
    }

    static HostReference unfold() {
        return (s, t) -> {
            TensorData x = GradRefs.in(s).get(0);
            int[] k = both(s.ints("kernel"));
            Geometry g = Geometry.of(s, x.shape(), k[0], k[1]);
            Image img = new Image(x, 0);
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            int rows = c * g.kh * g.kw;
            int l = g.outH * g.outW;
            double[] v = new double[n * rows * l];
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < g.kh; i++) {
                        for (int j = 0; j < g.kw; j++) {
                            int r = (ch * g.kh + i) * g.kw + j;
                            for (int y = 0; y < g.outH; y++) {
                                for (int xo = 0; xo < g.outW; xo++) {
                                    v[(b * rows + r) * l + y * g.outW + xo] = img.at(b, ch, g.row(y, i), g.col(xo, j));
                                }
                            }
                        }
                    }
                }
            }
            return GradRefs.out(new TensorData(Shape.of(n, rows, l), v));
        };
    }

    static HostReference conv2d() {
        return (s, t) -> {
            List<TensorData> in = GradRefs.in(s);
            TensorData x = in.get(0);
            TensorData w = in.get(1);
            TensorData bias = in.size() > 2 ? in.get(2) : null;
            Shape ws = w.shape();
            Geometry g = Geometry.of(s, x.shape(), ws.dim(2), ws.dim(3));
            Image img = new Image(x, 0);
            int n = x.shape().dim(0);
            int o = ws.dim(0);
            double[] v = new double[n * o * g.outH * g.outW];
            int f = 0;
            for (int b = 0; b < n; b++) {
                for (int oc = 0; oc < o; oc++) {
                    for (int y = 0; y < g.outH; y++) {
                        for (int xo = 0; xo < g.outW; xo++) {
                            double acc = bias == null ? 0 : bias.get(oc);
                            for (int ch = 0; ch < ws.dim(1); ch++) {
                                for (int i = 0; i < g.kh; i++) {
                                    for (int j = 0; j < g.kw; j++) {
                                        acc += w.get(oc, ch, i, j) * img.at(b, ch, g.row(y, i), g.col(xo, j));
                                    }
                                }
                            }
                            v[f++] = acc;
                        }
                    }
                }
            }
            return GradRefs.out(new TensorData(Shape.of(n, o, g.outH, g.outW), v));
        };
    }

    static HostReference maxPool2d() {
        return (s, t) -> {
            TensorData x = GradRefs.in(s).get(0);
            int[] k = both(s.ints("kernel"));
            Geometry g = Geometry.of(s, x.shape(), k[0], k[1]);
            Image img = new Image(x, Double.NEGATIVE_INFINITY);
            int n = x.shape().dim(0);
            int c = x.shape().dim(1);
            double[] v = new double[n * c * g.outH * g.outW];
            int f = 0;
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < g.outH; y++) {
                        for (int xo = 0; xo < g.outW; xo++) {
                            double max = Double.NEGATIVE_INFINITY;
                            for (int i = 0; i < g.kh; i++) {
                                for (int j = 0; j < g.kw; j++) {
                                    max = Math.max(max, img.at(b, ch, g.row(y, i), g.col(xo, j)));
                                }
                            }
                            v[f++] = max;
                        }
                    }
                }
            }
            return GradRefs.out(new TensorData(Shape.of(n, c, g.outH, g.outW), v));
        };
    }
}
