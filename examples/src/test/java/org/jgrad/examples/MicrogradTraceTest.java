package org.jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jgrad example Micrograd --trace} against the hand computation: L = (a*b + c) * f with a = 2, b = -3,
 * c = 10, f = -2. By hand, going back from dL/dL = 1: the last MUL sends d's gradient f = -2 and f's gradient
 * d = 4; the ADD passes -2 to e and to c; the first MUL sends a the gradient -2 * b = 6 and b the gradient
 * -2 * a = -4.
 */
class MicrogradTraceTest {
    @Test
    void traceFollowsTheHandComputation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Micrograd.run(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String expected = """
                backward from L, node by node:
                1. MUL [[], []] -> []
                   rule: d(a*b)/da = b, d(a*b)/db = a
                   incoming dL/dout = 1
                   input 0 gets -2 -> into the ADD node
                   input 1 gets 4 -> accumulated into the grad of a leaf []
                2. ADD [[], []] -> []
                   rule: d(a+b)/da = 1, d(a+b)/db = 1
                   incoming dL/dout = -2
                   input 0 gets -2 -> into the MUL node
                   input 1 gets -2 -> accumulated into the grad of a leaf []
                3. MUL [[], []] -> []
                   rule: d(a*b)/da = b, d(a*b)/db = a
                   incoming dL/dout = -2
                   input 0 gets 6 -> accumulated into the grad of a leaf []
                   input 1 gets -4 -> accumulated into the grad of a leaf []
                L = -8.0
                dL/da = 6.0   (= f * b)
                dL/db = -4.0   (= f * a)
                dL/dc = -2.0   (= f)
                dL/df = 4.0   (= d)
                """;
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
    }
}
