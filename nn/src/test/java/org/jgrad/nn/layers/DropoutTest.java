package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.nn.init.Init;
import org.junit.jupiter.api.Test;

/** Inverted dropout: the drop rate, the survivors' scale, evaluation mode, determinism and argument checks. */
class DropoutTest {
    private static final int N = 20_000;

    /**
     * The number of zeros is Binomial(n, p): within 6 standard deviations {@code sqrt(n p (1 - p))} of
     * {@code n p} (a false alarm has probability about 2e-9 per try); every survivor equals
     * {@code 1 / (1 - p)} up to float32 rounding of the scale (one ulp), and the gradient is the same mask.
     */
    @Property(tries = 20)
    void dropsAFractionPAndScalesTheRest(@ForAll @DoubleRange(min = 0.05, max = 0.9) double p,
                                         @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Dropout drop = new Dropout(p, new Generator(seed));
        Tensor x = Tensor.ones(DType.F32, N).requiresGrad(true);
        Tensor y = drop.forward(x);
        float[] v = y.toFloatArray();
        int zeros = 0;
        float scale = (float) (1 / (1 - p));
        for (float f : v) {
            if (f == 0) {
                zeros++;
            } else {
                assertEquals(scale, f, Math.ulp(scale), "survivors are scaled by 1 / (1 - p)");
            }
        }
        double sd = Math.sqrt(N * p * (1 - p));
        assertTrue(Math.abs(zeros - N * p) <= 6 * sd, zeros + " zeros of " + N + " for p = " + p);
        y.sum().backward();
        assertArrayEquals(v, x.grad().toFloatArray(), "the gradient is masked and scaled the same way");
    }

    @Test
    void evalIsTheIdentityAndTrainingIsTheDefault() {
        Dropout drop = new Dropout(0.5, new Generator(0));
        assertTrue(drop.isTraining());
        Tensor x = Tensor.ones(DType.F32, 100);
        drop.eval();
        assertSame(x, drop.forward(x));
        drop.train();
        assertTrue(drop.forward(x).sum().item() != 100, "training drops again");
        assertSame(x, new Dropout(0.0, new Generator(0)).forward(x), "p = 0 drops nothing");
    }

    @Test
    void sameSeedSameMask() {
        Tensor x = Tensor.ones(DType.F32, 64);
        assertArrayEquals(new Dropout(0.3, new Generator(5)).forward(x).toFloatArray(),
                new Dropout(0.3, new Generator(5)).forward(x).toFloatArray());
        Init.manualSeed(11);
        float[] a = new Dropout(0.3).forward(x).toFloatArray();
        Init.manualSeed(11);
        float[] b = new Dropout(0.3).forward(x).toFloatArray();
        assertArrayEquals(a, b, "the default-generator Dropout follows Init.manualSeed");
    }

    @Test
    void probabilityMustBeInZeroToOne() {
        for (double p : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dropout(p, new Generator(0)));
            assertTrue(e.getMessage().contains("Dropout") && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        assertEquals("Dropout(p=0.5)", new Dropout().toString());
    }
}
