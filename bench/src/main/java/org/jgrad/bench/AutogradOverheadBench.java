package org.jgrad.bench;

import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.Creation;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The fixed cost of autograd per op: {@code x.mul(y).sum()} (two primitives) on one-element float32 tensors,
 * forward only and forward + backward, against the same arithmetic on bare {@link NDArray}s. At this size
 * the kernels do almost nothing, so the difference is graph recording, the backward engine and the extra
 * objects. {@link BenchReport} prints each autograd figure next to its {@code ndarray*} baseline.
 *
 * <ul>
 *   <li>{@code ndarrayForward}: {@code a.mul(b).sum()}.</li>
 *   <li>{@code noGradForward}: the same through {@link Tensor} inside {@link GradMode#noGrad()} (wrapping, no graph).</li>
 *   <li>{@code autogradForward}: the same with inputs that require grad (records two nodes, then drops them).</li>
 *   <li>{@code ndarrayForwardBackward}: the forward plus the NDArray ops the engine runs for its backward:
 *       {@code ones}, {@code reshape} and {@code expand} (sum's rule), two {@code mul}s (mul's rule).</li>
 *   <li>{@code autogradForwardBackward}: forward, {@code backward()}, read both grads, {@code zeroGrad()}.</li>
 * </ul>
 * Through {@code bench/run.sh} every iteration (about a hundred thousand steps) also reports the heap and
 * the live graph nodes after a full GC ({@link AutogradHeapProfiler}).
 *
 * <pre>
 * bench/run.sh AutogradOverheadBench
 * bench/run.sh AutogradOverheadBench.autograd -p backend=simd:1
 * </pre>
 */
@State(Scope.Benchmark)
public class AutogradOverheadBench extends BenchConfig {
    /** Backend and threads, see {@link BenchBackends}. */
    @Param({"reference", "simd:1"})
    public String backend;

    private Creation c;
    private NDArray a;
    private NDArray b;
    private Tensor x;
    private Tensor y;

    @Setup
    public void setup() {
        c = NDArray.on(BenchBackends.open(backend));
        a = c.of(new float[] {1.5f}, DType.F32, 1);
        b = c.of(new float[] {-0.75f}, DType.F32, 1);
        x = Tensor.of(a.copy()).requiresGrad(true);
        y = Tensor.of(b.copy()).requiresGrad(true);
    }

    @Benchmark
    public NDArray ndarrayForward() {
        return a.mul(b).sum();
    }

    @Benchmark
    @SuppressWarnings("try")
    public Tensor noGradForward() {
        try (var scope = GradMode.noGrad()) {
            return x.mul(y).sum();
        }
    }

    @Benchmark
    public Tensor autogradForward() {
        return x.mul(y).sum();
    }

    @Benchmark
    public void ndarrayForwardBackward(Blackhole bh) {
        NDArray s = a.mul(b).sum();
        NDArray g = c.ones(DType.F32, s.shape().toArray()).reshape(1).expand(1);
        bh.consume(s);
        bh.consume(g.mul(b));
        bh.consume(g.mul(a));
    }

    @Benchmark
    public void autogradForwardBackward(Blackhole bh) {
        Tensor s = x.mul(y).sum();
        s.backward();
        bh.consume(s);
        bh.consume(x.grad());
        bh.consume(y.grad());
        x.zeroGrad();
        y.zeroGrad();
    }
}
