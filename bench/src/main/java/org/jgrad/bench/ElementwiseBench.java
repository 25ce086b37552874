package org.jgrad.bench;

import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Elementwise ops and a full sum on one million contiguous float32 values, per backend.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ElementwiseBench -p op=exp
 * </pre>
 */
@State(Scope.Benchmark)
public class ElementwiseBench extends BenchConfig {
    /** Elements per input. */
    public static final int SIZE = 1 << 20;

    /**
     * {@code add}, {@code mul} and {@code pow} (of |x|; two inputs), {@code exp}, {@code log} (of |x|),
     * {@code erf} and {@code sin} (one), {@code sum} (a full reduction).
     */
    @Param({"add", "mul", "pow", "exp", "log", "erf", "sin", "sum"})
    public String op;

    /** Backend and threads, see {@link BenchBackends}. */
    @Param({"reference", "simd:1", "simd"})
    public String backend;

    private Backend be;
    private Storage x;
    private Storage y;
    private Storage absX;
    private View v;
    private final int[] allAxes = {0};

    @Setup
    public void setup() {
        be = BenchBackends.open(backend);
        x = Matrices.random(be, SIZE, 1);
        y = Matrices.random(be, SIZE, 2);
        absX = be.unary(UnaryOp.ABS, x, View.contiguous(Shape.of(SIZE)));
        v = View.contiguous(Shape.of(SIZE));
    }

    @Benchmark
    public Storage run() {
        return switch (op) {
            case "add" -> be.binary(BinaryOp.ADD, x, v, y, v);
            case "mul" -> be.binary(BinaryOp.MUL, x, v, y, v);
            case "exp" -> be.unary(UnaryOp.EXP, x, v);
            case "log" -> be.unary(UnaryOp.LOG, absX, v);
            case "erf" -> be.unary(UnaryOp.ERF, x, v);
            case "sin" -> be.unary(UnaryOp.SIN, x, v);
            case "pow" -> be.binary(BinaryOp.POW, absX, v, y, v);
            case "sum" -> be.reduce(ReduceOp.SUM, x, v, allAxes);
            default -> throw new IllegalArgumentException("unknown op '" + op + "' (expected add, mul, pow, exp, log, erf, sin or sum)");
        };
    }
}
