package org.jgrad.examples;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * The micrograd example, in jgrad: a few scalars, one expression, backward, and every gradient printed.
 * Run: {@code ./jgrad example Micrograd}.
 */
public final class Micrograd {
    private Micrograd() {
    }

    public static void main(String[] args) {
        Tensor a = Tensor.scalar(2.0, DType.F64).requiresGrad(true);
        Tensor b = Tensor.scalar(-3.0, DType.F64).requiresGrad(true);
        Tensor c = Tensor.scalar(10.0, DType.F64).requiresGrad(true);
        Tensor f = Tensor.scalar(-2.0, DType.F64).requiresGrad(true);
        Tensor e = a.mul(b);          // e = a * b   = -6
        Tensor d = e.add(c);          // d = e + c   = 4
        Tensor l = d.mul(f);          // L = d * f   = -8
        l.backward();
        System.out.printf("L = %.1f%n", l.item());
        System.out.printf("dL/da = %.1f   (= f * b)%n", a.grad().item());
        System.out.printf("dL/db = %.1f   (= f * a)%n", b.grad().item());
        System.out.printf("dL/dc = %.1f   (= f)%n", c.grad().item());
        System.out.printf("dL/df = %.1f   (= d)%n", f.grad().item());
    }
}
