package org.jgrad.examples;

import java.io.PrintStream;
import java.util.Arrays;
import org.jgrad.autograd.BackwardTrace;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * The micrograd example, in jgrad: a few scalars, one expression, backward, and every gradient printed.
 * With {@code --trace}, backward explains itself: each node in the order the engine runs it, its local
 * derivative rule, the gradient coming in and what each input gets. Run: {@code ./jgrad example Micrograd --trace}.
 */
public final class Micrograd {
    private Micrograd() {
    }

    public static void main(String[] args) {
        run(Arrays.asList(args).contains("--trace"), System.out);
    }

    /** The example, printing to {@code out}; with {@code trace}, backward's steps first. */
    static void run(boolean trace, PrintStream out) {
        Tensor a = Tensor.scalar(2.0, DType.F64).requiresGrad(true);
        Tensor b = Tensor.scalar(-3.0, DType.F64).requiresGrad(true);
        Tensor c = Tensor.scalar(10.0, DType.F64).requiresGrad(true);
        Tensor f = Tensor.scalar(-2.0, DType.F64).requiresGrad(true);
        Tensor e = a.mul(b);          // e = a * b   = -6
        Tensor d = e.add(c);          // d = e + c   = 4
        Tensor l = d.mul(f);          // L = d * f   = -8
        if (trace) {
            out.println("backward from L, node by node:");
            l.backward(step -> out.print(BackwardTrace.format(step)));
        } else {
            l.backward();
        }
        out.printf("L = %.1f%n", l.item());
        out.printf("dL/da = %.1f   (= f * b)%n", a.grad().item());
        out.printf("dL/db = %.1f   (= f * a)%n", b.grad().item());
        out.printf("dL/dc = %.1f   (= f)%n", c.grad().item());
        out.printf("dL/df = %.1f   (= d)%n", f.grad().item());
    }
}
