package org.jgrad.bench;

import java.util.concurrent.TimeUnit;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Creation;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One SGD training step of a 784-128-64-10 ReLU MLP on a float32 batch of 64 (random inputs, random
 * labels): forward, cross-entropy, backward, {@code p -= lr * grad} in place under no-grad. The same
 * step written by hand on {@link NDArray}s (the textbook backward of linear/ReLU/softmax-cross-entropy) is
 * the baseline, so the report shows what autograd adds to a matmul-bound step.
 *
 * <ul>
 *   <li>{@code autogradTrainStep}: the step with autograd.</li>
 *   <li>{@code ndarrayTrainStep}: the hand-written step (same matmuls on the same transposed views).</li>
 *   <li>{@code noGradForward} / {@code ndarrayForward}: the forward pass to the loss only.</li>
 * </ul>
 * Through {@code bench/run.sh} every iteration (hundreds of steps) also reports the heap and the live graph
 * nodes after a full GC ({@link AutogradHeapProfiler}): flat figures mean the loop does not leak.
 * The parameters are re-initialised before every iteration, so every iteration trains from the same
 * start (and the loss cannot run into float32 subnormals over a long run).
 *
 * <pre>
 * bench/run.sh AutogradMlpBench
 * bench/run.sh AutogradMlpBench -p backend=simd:1
 * </pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AutogradMlpBench extends BenchConfig {
    /** Layer widths, input first. */
    static final int[] SIZES = {784, 128, 64, 10};
    static final int BATCH = 64;
    static final double LR = 0.01;

    /** Backend and threads, see {@link BenchBackends}. */
    @Param({"simd"})
    public String backend;

    private Backend be;
    private Creation c;
    private Tensor x;
    private Tensor labels;
    private NDArray oneHot;
    /** Autograd parameters: weights [out, in] and biases [out], per layer. */
    private Tensor[] w;
    private Tensor[] bias;
    /** The baseline's own copy of the parameters. */
    private NDArray[] wn;
    private NDArray[] bn;

    @Setup(Level.Trial)
    public void data() {
        be = BenchBackends.open(backend);
        c = NDArray.on(be);
        Generator gen = new Generator(1);
        x = Tensor.of(c.randn(gen, DType.F32, BATCH, SIZES[0]));
        long[] y = new long[BATCH];
        float[] hot = new float[BATCH * 10];
        for (int i = 0; i < BATCH; i++) {
            y[i] = (long) (gen.nextDouble() * 10);
            hot[i * 10 + (int) y[i]] = 1;
        }
        labels = Tensor.of(c.of(y, DType.I64, BATCH));
        oneHot = c.of(hot, DType.F32, BATCH, 10);
    }

    /** Kaiming-uniform-like weights, zero biases; the same values for both variants. */
    @Setup(Level.Iteration)
    public void parameters() {
        Generator gen = new Generator(2);
        int layers = SIZES.length - 1;
        w = new Tensor[layers];
        bias = new Tensor[layers];
        wn = new NDArray[layers];
        bn = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            double bound = Math.sqrt(6.0 / SIZES[l]);
            NDArray init = c.uniform(gen, -bound, bound, DType.F32, SIZES[l + 1], SIZES[l]);
            wn[l] = init;
            bn[l] = c.zeros(DType.F32, SIZES[l + 1]);
            w[l] = Tensor.of(init.copy()).requiresGrad(true);
            bias[l] = Tensor.of(bn[l].copy()).requiresGrad(true);
        }
    }

    private Tensor logits() {
        Tensor h = x;
        for (int l = 0; l < w.length; l++) {
            h = h.linear(w[l], bias[l]);
            if (l < w.length - 1) {
                h = h.relu();
            }
        }
        return h;
    }

    @Benchmark
    @SuppressWarnings("try")
    public Tensor autogradTrainStep() {
        Tensor loss = logits().crossEntropy(labels);
        loss.backward();
        try (var scope = GradMode.noGrad()) {
            for (int l = 0; l < w.length; l++) {
                for (Tensor p : new Tensor[] {w[l], bias[l]}) {
                    p.sub_(p.grad().mul(LR));
                    p.zeroGrad();
                }
            }
        }
        return loss;
    }

    @Benchmark
    @SuppressWarnings("try")
    public Tensor noGradForward() {
        try (var scope = GradMode.noGrad()) {
            return logits().crossEntropy(labels);
        }
    }

    @Benchmark
    public NDArray ndarrayTrainStep() {
        int layers = wn.length;
        NDArray[] in = new NDArray[layers];     // input of each layer
        NDArray[] pre = new NDArray[layers];    // its pre-activation
        NDArray h = x.data();
        for (int l = 0; l < layers; l++) {
            in[l] = h;
            pre[l] = h.matmul(wn[l].transpose(0, 1)).add(bn[l]);
            h = l < layers - 1 ? relu(pre[l]) : pre[l];
        }
        // Softmax cross-entropy: loss = mean(logsumexp - picked logit); dlogits = (softmax - onehot) / N.
        NDArray shifted = h.sub(h.max(new int[] {1}, true));
        NDArray e = shifted.exp();
        NDArray sum = e.sum(new int[] {1}, true);
        NDArray loss = sum.log().sub(shifted).mul(oneHot).sum().div(BATCH);
        NDArray g = e.div(sum).sub(oneHot).div(BATCH);
        for (int l = layers - 1; l >= 0; l--) {
            NDArray dw = g.transpose(0, 1).matmul(in[l]);
            NDArray db = g.sum(new int[] {0}, false);
            if (l > 0) {
                g = g.matmul(wn[l]);
                g = NDArray.where(pre[l - 1].gt(0.0), g, zero());
            }
            update(wn[l], dw);
            update(bn[l], db);
        }
        return loss;
    }

    @Benchmark
    public NDArray ndarrayForward() {
        NDArray h = x.data();
        for (int l = 0; l < wn.length; l++) {
            h = h.matmul(wn[l].transpose(0, 1)).add(bn[l]);
            if (l < wn.length - 1) {
                h = relu(h);
            }
        }
        NDArray shifted = h.sub(h.max(new int[] {1}, true));
        return shifted.exp().sum(new int[] {1}, true).log().sub(shifted).mul(oneHot).sum().div(BATCH);
    }

    private NDArray zero() {
        return c.scalar(0, DType.F32);
    }

    private NDArray relu(NDArray z) {
        return NDArray.where(z.gt(0.0), z, zero());
    }

    /** {@code p -= lr * grad}, written into p's storage as the autograd step's {@code sub_} does. */
    private void update(NDArray p, NDArray grad) {
        NDArray next = p.sub(grad.mul(LR));
        be.copyInto(p.storage(), p.view(), next.storage(), next.view());
    }
}
