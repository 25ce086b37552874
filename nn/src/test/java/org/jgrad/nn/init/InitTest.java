package org.jgrad.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.Shape;
import org.jgrad.nn.layers.Linear;
import org.jgrad.nn.layers.ReLU;
import org.jgrad.nn.layers.Sequential;
import org.junit.jupiter.api.Test;

/**
 * The initialisers' distributions, against the formulas of PyTorch's {@code torch.nn.init}.
 *
 * <p>Moments are checked on n >= 18,000 samples from fixed seeds (so the test is deterministic) within 5
 * standard errors: the sample mean's is {@code sigma / sqrt(n)}, the sample standard deviation's is
 * {@code sigma / sqrt(2n)} for a normal and {@code sqrt(0.2) sigma / sqrt(n)} for a uniform (from its fourth
 * moment {@code 9/5 sigma^4}); the bound uses the larger of the two, {@code 0.707 sigma / sqrt(n)}, rounded
 * up to {@code 0.71}. A wrong gain or fan changes sigma by 10% or more, i.e. by over 15 standard errors at this
 * n.
 */
class InitTest {
    /** [out, in, kh, kw] = [64, 32, 3, 3]: fan_in = 32 * 9 = 288, fan_out = 64 * 9 = 576, 18,432 samples. */
    private static final int[] CONV = {64, 32, 3, 3};
    /** [out, in] = [150, 120]: fan_in 120, fan_out 150, 18,000 samples. */
    private static final int[] DENSE = {150, 120};

    private static Tensor param(int... shape) {
        return Tensor.zeros(DType.F32, shape).requiresGrad(true);
    }

    /** Mean 0 (or {@code mean}) and standard deviation {@code std}, within 5 standard errors. */
    private static void assertMoments(String what, Tensor t, double mean, double std) {
        double[] v = t.toDoubleArray();
        int n = v.length;
        double m = Arrays.stream(v).average().orElseThrow();
        double s = Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (n - 1));
        double meanBound = 5 * std / Math.sqrt(n);
        double stdBound = 5 * 0.71 * std / Math.sqrt(n);
        assertTrue(Math.abs(m - mean) <= meanBound, what + ": sample mean " + m + ", expected " + mean + " +- "
                + meanBound);
        assertTrue(Math.abs(s - std) <= stdBound, what + ": sample std " + s + ", expected " + std + " +- " + stdBound);
    }

    /** Every value in [-bound, bound], and the extremes near both ends (spread over the whole interval). */
    private static void assertUniformBounds(String what, Tensor t, double bound) {
        double[] v = t.toDoubleArray();
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        assertTrue(min >= -bound && max <= bound, what + ": values in [" + min + ", " + max + "], bound " + bound);
        // P(no value in the top 1% of the interval) = 0.995^n < 1e-39 for n >= 18,000.
        assertTrue(min < -0.99 * bound && max > 0.99 * bound, what + ": values only in [" + min + ", " + max
                + "] of [-" + bound + ", " + bound + "]");
    }

    @Test
    void fansFollowPyTorchWithTheReceptiveField() {
        assertEquals(new Fans(288, 576), Fans.of(Shape.of(CONV)));
        assertEquals(new Fans(120, 150), Fans.of(Shape.of(DENSE)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Init.xavierUniform(param(5), new Generator(0)));
        assertTrue(e.getMessage().contains("Init.xavierUniform") && e.getMessage().contains("fewer than 2 dimensions")
                && e.getMessage().contains("[5]"), e.getMessage());
        for (Runnable r : List.<Runnable>of(() -> Init.kaimingNormal(param(), new Generator(0)),
                () -> Init.kaimingUniform(param(7), new Generator(0)), () -> Init.lecunNormal(param(3), new Generator(0)),
                () -> Init.xavierNormal(param(4), new Generator(0)))) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
    }

    @Test
    void gainsArePyTorchs() {
        assertEquals(1.0, Init.calculateGain(Nonlinearity.LINEAR));
        assertEquals(1.0, Init.calculateGain(Nonlinearity.SIGMOID));
        assertEquals(5.0 / 3, Init.calculateGain(Nonlinearity.TANH));
        assertEquals(Math.sqrt(2), Init.calculateGain(Nonlinearity.RELU));
        assertEquals(0.75, Init.calculateGain(Nonlinearity.SELU));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.calculateGain(Nonlinearity.LEAKY_RELU));
        assertEquals(Math.sqrt(2 / 1.04), Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.2), 1e-15);
    }

    @Test
    void kaimingMatchesItsFormula() {
        Generator gen = new Generator(1);
        double reluFanIn = Math.sqrt(2) / Math.sqrt(288);
        assertMoments("kaimingNormal relu fan_in", Init.kaimingNormal(param(CONV), gen, 0, FanMode.FAN_IN,
                Nonlinearity.RELU), 0, reluFanIn);
        double leakyFanOut = Math.sqrt(2 / (1 + 0.3 * 0.3)) / Math.sqrt(576);
        assertMoments("kaimingNormal leaky 0.3 fan_out", Init.kaimingNormal(param(CONV), gen, 0.3, FanMode.FAN_OUT,
                Nonlinearity.LEAKY_RELU), 0, leakyFanOut);
        Tensor u = Init.kaimingUniform(param(DENSE), gen, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU);
        assertUniformBounds("kaimingUniform a=sqrt(5)", u, 1 / Math.sqrt(120));   // Linear's default
        assertMoments("kaimingUniform a=sqrt(5)", u, 0, 1 / Math.sqrt(120) / Math.sqrt(3));
        Tensor d = Init.kaimingUniform(param(DENSE), gen);   // defaults: a = 0, fan_in, leaky_relu -> gain sqrt(2)
        assertUniformBounds("kaimingUniform defaults", d, Math.sqrt(2) * Math.sqrt(3.0 / 120));
    }

    @Test
    void xavierAndLecunMatchTheirFormulas() {
        Generator gen = new Generator(2);
        double xavier = Math.sqrt(2.0 / (120 + 150));
        assertMoments("xavierNormal", Init.xavierNormal(param(DENSE), gen), 0, xavier);
        assertMoments("xavierNormal gain 5/3", Init.xavierNormal(param(DENSE), gen, 5.0 / 3), 0, 5.0 / 3 * xavier);
        Tensor u = Init.xavierUniform(param(DENSE), gen, 2.0);
        assertUniformBounds("xavierUniform gain 2", u, 2 * Math.sqrt(6.0 / 270));
        assertMoments("xavierUniform gain 2", u, 0, 2 * xavier);
        double convXavier = Math.sqrt(2.0 / (288 + 576));
        assertMoments("xavierNormal conv", Init.xavierNormal(param(CONV), gen), 0, convXavier);
        assertMoments("lecunNormal", Init.lecunNormal(param(CONV), gen), 0, 1 / Math.sqrt(288));
    }

    @Test
    void plainDistributionsAndConstants() {
        Generator gen = new Generator(3);
        assertMoments("normal(2, 0.5)", Init.normal(param(DENSE), gen, 2, 0.5), 2, 0.5);
        Tensor u = Init.uniform(param(DENSE), gen, -1, 3);
        assertMoments("uniform(-1, 3)", u, 1, 4 / Math.sqrt(12));
        double[] v = u.toDoubleArray();
        assertTrue(Arrays.stream(v).allMatch(x -> x >= -1 && x < 3));
        Tensor c = Init.constant(param(2, 3), 0.25);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, c.toFloatArray());
        Init.zeros(c);
        assertArrayEquals(new float[6], c.toFloatArray());
        Init.ones(c);
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, c.toFloatArray());
        Tensor f64 = Tensor.zeros(DType.F64, 4, 4);
        assertSame(f64, Init.normal(f64, gen, 0, 1), "in place, returning the tensor");
        assertEquals(DType.F64, f64.dtype());
    }

    @Test
    void sameSeedSameValuesAndParametersStayLeaves() {
        List<BiFunction<Tensor, Generator, Tensor>> inits = List.of(Init::kaimingNormal, Init::kaimingUniform,
                Init::xavierNormal, Init::xavierUniform, Init::lecunNormal, (t, g) -> Init.normal(t, g, 0, 1),
                (t, g) -> Init.uniform(t, g, -1, 1));
        for (BiFunction<Tensor, Generator, Tensor> init : inits) {
            Tensor a = init.apply(param(8, 5), new Generator(42));
            Tensor b = init.apply(param(8, 5), new Generator(42));
            Tensor c = init.apply(param(8, 5), new Generator(43));
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
            assertTrue(a.isLeaf() && a.requiresGrad() && a.gradFn() == null, "still a trainable leaf: " + a);
        }
    }

    @Test
    void worksThroughModuleApply() {
        Generator gen = new Generator(4);
        Sequential mlp = new Sequential(new Linear(200, 100, gen), new ReLU(), new Linear(100, 180, gen));
        mlp.apply(m -> {
            if (m instanceof Linear l) {
                Init.kaimingNormal(l.weight(), gen, 0, FanMode.FAN_IN, Nonlinearity.RELU);
                Init.zeros(l.bias());
            }
        });
        Linear first = (Linear) mlp.get(0);
        Linear last = (Linear) mlp.get(2);
        assertMoments("first weight", first.weight(), 0, Math.sqrt(2.0 / 200));
        assertMoments("last weight", last.weight(), 0, Math.sqrt(2.0 / 100));
        assertArrayEquals(new float[180], last.bias().toFloatArray());
    }

    @Test
    void manualSeedRestartsTheDefaultGenerator() {
        Init.manualSeed(7);
        float[] a = new Linear(6, 4).weight().toFloatArray();
        float[] a2 = new Linear(6, 4).weight().toFloatArray();
        Init.manualSeed(7);
        float[] b = new Linear(6, 4).weight().toFloatArray();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, a2), "the default generator advances between draws");
    }

    @Test
    void badArgumentsAreRejectedNamingTheInitialiser() {
        Generator gen = new Generator(0);
        IllegalArgumentException std = assertThrows(IllegalArgumentException.class,
                () -> Init.normal(param(2, 2), gen, 0, -1));
        assertTrue(std.getMessage().contains("Init.normal") && std.getMessage().contains("-1"), std.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Init.uniform(param(2, 2), gen, 1, 0));
        assertTrue(range.getMessage().contains("Init.uniform") && range.getMessage().contains("a <= b"),
                range.getMessage());
        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
                () -> Init.xavierNormal(Tensor.zeros(DType.I64, 3, 3), gen));
        assertTrue(integer.getMessage().contains("Init.xavierNormal") && integer.getMessage().contains("I64"),
                integer.getMessage());
        NullPointerException noGen = assertThrows(NullPointerException.class,
                () -> Init.kaimingUniform(param(2, 2), null));
        assertTrue(noGen.getMessage().contains("Init.kaimingUniform"), noGen.getMessage());
        Tensor untouched = param(2, 2);
        assertThrows(IllegalArgumentException.class, () -> Init.normal(untouched, gen, 0, Double.NaN));
        assertArrayEquals(new float[4], untouched.toFloatArray(), "a rejected call leaves the tensor as it was");
    }

    @Test
    void emptyTensorsAreLeftAlone() {
        Tensor empty = param(0, 5);
        assertSame(empty, Init.kaimingUniform(empty, new Generator(0)));
        assertSame(empty, Init.xavierNormal(empty, new Generator(0)));
    }
}
