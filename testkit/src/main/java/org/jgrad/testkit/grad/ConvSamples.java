package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jgrad.core.Shape;
import org.jgrad.testkit.Operand;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.SampleSpace;
import org.jgrad.testkit.Tensors;

/**
 * Sample spaces of padding, windows, convolution and pooling: small images ({@code N, C <= 2}, {@code H, W <= 5})
 * with kernel, stride, padding and dilation drawn per dim, given as one value or as {@code {h, w}} (both of
 * PyTorch's forms), and only geometries whose output is non-empty.
 *
 * <pre>{@code
 * SampleSpace conv = ConvSamples.conv2d();   // operands x [N, C, H, W], w [O, C, kh, kw], optional bias [O]
 * }</pre>
 */
final class ConvSamples {
    private ConvSamples() {
    }

    /** {@code x.pad(padding, value)}: rank 1 to 3, up to rank (before, after) pairs of 0..2, value 0 or 1.5. */
    static SampleSpace pad() {
        return (sizes, doms) -> org.jgrad.testkit.Shapes.nonEmptyShapes(1, 3, 24, 3).flatMap(s ->
                Combinators.combine(Tensors.data(s, doms.get(0)),
                                Arbitraries.integers().between(0, 2).list().ofMinSize(2).ofMaxSize(2 * s.rank())
                                        .filter(l -> l.size() % 2 == 0),
                                Arbitraries.of(0.0, 1.5))
                        .as((x, pad, value) -> SampleInput.of(Operand.data(x))
                                .with("padding", pad.stream().mapToInt(Integer::intValue).toArray())
                                .with("value", value)));
    }

    /** {@code x.unfold(kernel, dilation, padding, stride)}. */
    static SampleSpace unfold() {
        return (sizes, doms) -> geometry(true).flatMap(g -> Tensors.data(Shape.of(g.n, g.c, g.h, g.w), doms.get(0))
                .map(x -> g.on(SampleInput.of(Operand.data(x)))));
    }

    /** {@code x.conv2d(w, bias, stride, padding, dilation)}: x (domain 0), w and the optional bias (domain 1). */
    static SampleSpace conv2d() {
        return (sizes, doms) -> Combinators.combine(geometry(true), Arbitraries.integers().between(1, 2),
                Arbitraries.of(true, false)).flatAs((g, out, bias) -> {
                    List<Arbitrary<Operand>> ops = new ArrayList<>();
                    ops.add(Tensors.data(Shape.of(g.n, g.c, g.h, g.w), doms.get(0)).map(Operand::data));
                    ops.add(Tensors.data(Shape.of(out, g.c, g.kh, g.kw), doms.get(1)).map(Operand::data));
                    if (bias) {
                        ops.add(Tensors.data(Shape.of(out), doms.get(1)).map(Operand::data));
                    }
                    return Combinators.combine(ops).as(o -> g.on(SampleInput.of(o)));
                });
    }

    /** {@code x.maxPool2d(kernel, stride, padding)}, padding at most half the kernel; values all distinct. */
    static SampleSpace maxPool2d() {
        SampleSpace base = (sizes, doms) -> geometry(false)
                .flatMap(g -> Tensors.data(Shape.of(g.n, g.c, g.h, g.w), doms.get(0))
                        .map(x -> g.on(SampleInput.of(Operand.data(x)))));
        return GradSamples.distinct(base, 0, 0.25);
    }

    /** One drawn geometry; {@code dilated} false keeps dilation 1 and padding at most half the kernel. */
    private record Geometry(int n, int c, int h, int w, int kh, int kw, int[] stride, int[] padding,
            int[] dilation) {
        SampleInput on(SampleInput s) {
            return s.with("kernel", new int[] {kh, kw}).with("stride", stride).with("padding", padding)
                    .with("dilation", dilation);
        }

        boolean fits(boolean dilated) {
            int[] st = both(stride);
            int[] p = both(padding);
            int[] d = both(dilation);
            if (!dilated && (2 * p[0] > kh || 2 * p[1] > kw)) {
                return false;
            }
            return h + 2 * p[0] >= d[0] * (kh - 1) + 1 && w + 2 * p[1] >= d[1] * (kw - 1) + 1 && st[0] >= 1;
        }
    }

    static int[] both(int[] v) {
        return v.length == 1 ? new int[] {v[0], v[0]} : v;
    }

    private static Arbitrary<Geometry> geometry(boolean dilated) {
        Arbitrary<Integer> small = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> side = Arbitraries.integers().between(1, 5);
        Arbitrary<Integer> kernel = Arbitraries.integers().between(1, 3);
        Arbitrary<int[]> dilation = dilated ? pairOf(1, 2) : Arbitraries.just(new int[] {1});
        return Combinators.combine(small, small, side, side, kernel, kernel, pairOf(1, 2), pairOf(0, 1))
                .flatAs((n, c, h, w, kh, kw, stride, padding) -> dilation.map(d ->
                        new Geometry(n, c, h, w, kh, kw, stride, padding, d)))
                .filter(g -> g.fits(dilated));
    }

    /** One value (both dims) or two, each in [lo, hi]. */
    private static Arbitrary<int[]> pairOf(int lo, int hi) {
        return Arbitraries.integers().between(lo, hi).list().ofMinSize(1).ofMaxSize(2)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }
}
