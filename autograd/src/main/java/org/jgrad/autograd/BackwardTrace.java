package org.jgrad.autograd;

import java.util.List;
import org.jgrad.core.Shape;

/**
 * What {@code backward} does, step by step, for learners: {@link Tensor#backward(BackwardTrace.Tracer)} calls the
 * tracer once per node, in the order the engine runs them, with the op, its shapes, its local derivative rule
 * written out, the gradient coming in, and the gradient it sends to each input (and where that goes).
 *
 * <pre>{@code
 * loss.backward(step -> System.out.print(BackwardTrace.format(step)));
 * }</pre>
 */
public final class BackwardTrace {
    private BackwardTrace() {
    }

    /** Receives the steps. */
    @FunctionalInterface
    public interface Tracer {
        void step(Step step);
    }

    /**
     * One node's backward.
     *
     * @param order       1 for the first node run, then 2, 3, ...
     * @param op          the op's name ({@code MUL}, {@code MATMUL}, ...)
     * @param inputShapes the shapes of the op's inputs
     * @param outputShape the shape of its output
     * @param rule        the local derivative, written out ({@code d(a*b)/da = b, d(a*b)/db = a})
     * @param incoming    dL/d(output)
     * @param sent        per input, dL/d(input) as this node sends it (summed down to the input's shape), or
     *                    null for an input that needs no gradient
     * @param targets     per input, where the gradient goes: {@code "leaf [2, 3]"}, the next node's op, or null
     */
    public record Step(int order, String op, List<Shape> inputShapes, Shape outputShape, String rule, Tensor incoming,
                       List<Tensor> sent, List<String> targets) {
    }

    /** A step as text: small tensors (up to 16 elements) with their numbers, larger ones by shape. */
    public static String format(Step s) {
        StringBuilder b = new StringBuilder();
        b.append(s.order()).append(". ").append(s.op()).append(' ').append(s.inputShapes()).append(" -> ")
                .append(s.outputShape()).append('\n');
        b.append("   rule: ").append(s.rule()).append('\n');
        b.append("   incoming dL/dout = ").append(values(s.incoming())).append('\n');
        for (int i = 0; i < s.sent().size(); i++) {
            if (s.sent().get(i) == null) {
                continue;
            }
            b.append("   input ").append(i).append(" gets ").append(values(s.sent().get(i))).append(" -> ")
                    .append(s.targets().get(i)).append('\n');
        }
        return b.toString();
    }

    private static String values(Tensor t) {
        if (t.numel() > 16) {
            return "(" + t.shape() + " values)";
        }
        double[] v = (double[]) t.data().to(org.jgrad.core.DType.F64).toArray();
        StringBuilder b = new StringBuilder(t.rank() == 0 ? "" : "[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(number(v[i]));
        }
        return b.append(t.rank() == 0 ? "" : "]").toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.6g", v);
    }
}
