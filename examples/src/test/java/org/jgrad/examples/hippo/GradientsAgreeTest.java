package org.jgrad.examples.hippo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/**
 * The book's hand-written backpropagation and autograd compute the same gradients and the same SGD step, to
 * float64 precision, for the [784, 30, 10] network on a mini-batch of 10.
 *
 * <p>Tolerance: both run in float64 (u = 1.1e-16) but sum in different orders (per sample then averaged, vs
 * one batched product); each gradient element is a sum of at most 784 products, so the two differ by about
 * 784 u = 9e-14 of the terms' magnitude. 1e-10 of the layer's largest gradient leaves room for that and still
 * fails for anything computed in float32 (errors near 1e-7) or any wrong rule (errors near 1).
 */
class GradientsAgreeTest {
    private static final int[] SIZES = {784, 30, 10};
    private static final int BATCH = 10;
    private static final double REL = 1e-10;

    private static double[][] inputs(Generator gen) {
        double[][] xs = new double[BATCH][SIZES[0]];
        for (double[] x : xs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = gen.nextDouble();
            }
        }
        return xs;
    }

    private static double[][] oneHot(Generator gen) {
        double[][] ys = new double[BATCH][10];
        for (double[] y : ys) {
            y[(int) (gen.nextDouble() * 10)] = 1;
        }
        return ys;
    }

    private static void assertClose(String what, double[] want, double[] got) {
        assertEquals(want.length, got.length, what + ": length");
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            if (Math.abs(want[i] - got[i]) > REL * scale) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + " by autograd, " + want[i]
                        + " by hand (scale " + scale + ")");
            }
        }
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void handWrittenBackpropAndAutogradGiveTheSameGradients() {
        Generator gen = new Generator(7);
        TextbookNetwork book = new TextbookNetwork(SIZES, gen);
        double[][] xs = inputs(gen);
        double[][] ys = oneHot(gen);
        TextbookNetwork.Gradients byHand = book.averageGradients(xs, ys);

        AutogradNetwork net = AutogradNetwork.from(book, DType.F64);
        Tensor cost = net.cost(Tensor.of(NDArray.of(xs)), Tensor.of(NDArray.of(ys)));
        assertEquals(book.cost(xs, ys), cost.item(), 1e-12 * book.cost(xs, ys), "the cost itself");
        cost.backward();
        for (int l = 0; l < SIZES.length - 1; l++) {
            assertClose("dC/dw of layer " + (l + 1), flat(byHand.nablaW()[l]),
                    (double[]) net.weights().get(l).grad().data().toArray());
            assertClose("dC/db of layer " + (l + 1), byHand.nablaB()[l],
                    (double[]) net.biases().get(l).grad().data().toArray());
        }
    }

    @Test
    void oneSgdStepMovesBothNetworksTheSameWay() {
        Generator gen = new Generator(11);
        TextbookNetwork book = new TextbookNetwork(SIZES, gen);
        AutogradNetwork net = AutogradNetwork.from(book, DType.F64);
        double[][] xs = inputs(gen);
        double[][] ys = oneHot(gen);
        book.updateMiniBatch(xs, ys, 3.0);
        SGD sgd = new SGD(net.parameters(), new SGD.Options(3.0));
        net.cost(Tensor.of(NDArray.of(xs)), Tensor.of(NDArray.of(ys))).backward();
        sgd.step();
        List<Tensor> w = net.weights();
        for (int l = 0; l < SIZES.length - 1; l++) {
            assertClose("w of layer " + (l + 1) + " after a step", flat(book.weights[l]),
                    (double[]) w.get(l).data().toArray());
            assertClose("b of layer " + (l + 1) + " after a step", book.biases[l],
                    (double[]) net.biases().get(l).data().toArray());
        }
    }
}
