package org.jgrad.testkit;

import static org.jgrad.core.DType.BOOL;
import static org.jgrad.core.DType.F32;
import static org.jgrad.core.DType.F64;
import static org.jgrad.core.DType.I32;
import static org.jgrad.core.DType.I64;

import java.lang.reflect.Array;
import java.util.List;
import org.jgrad.core.Creation;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;

/**
 * Op entries of creation ({@link Creation}): values computed in float64 in Java and rounded once to the
 * dtype, so a backend may differ from the reference by that one rounding ({@link Tolerance#ulps}(1)).
 */
final class CreationEntries {
    private CreationEntries() {
    }

    private static final Tolerance ONE_ROUNDING = Tolerance.ulps(1);

    static List<CoreOp> all() {
        return List.of(
                creation("full", CreationSamples.full(), c -> {
                    Creation on = NDArray.on(c.backend());
                    int[] shape = c.ints("shape");
                    return switch (c.text("form")) {
                        case "zeros" -> on.zeros(c.dataType(), shape);
                        case "ones" -> on.ones(c.dataType(), shape);
                        case "scalar" -> on.scalar(c.number("value"), c.dataType());
                        default -> on.full(c.number("value"), c.dataType(), shape);
                    };
                }, HostCreation.full(), "Creation.zeros(DType,int[])", "Creation.ones(DType,int[])",
                        "Creation.full(double,DType,int[])",
                        "Creation.scalar(double,DType)"),
                creation("eye", CreationSamples.eye(),
                        c -> NDArray.on(c.backend()).eye(c.integer("n"), c.integer("m"), c.dataType()),
                        HostCreation.eye(),
                        "Creation.eye(int,int,DType)"),
                creation("arange", CreationSamples.arange(),
                        c -> NDArray.on(c.backend()).arange(c.number("start"), c.number("end"), c.number("step"),
                                c.dataType()),
                        HostCreation.arange(), "Creation.arange(double,double,double,DType)"),
                creation("linspace", CreationSamples.linspace(),
                        c -> NDArray.on(c.backend()).linspace(c.number("start"), c.number("end"), c.integer("steps"),
                                c.dataType()),
                        HostCreation.linspace(), "Creation.linspace(double,double,int,DType)"),
                creation("rand", CreationSamples.random("rand", "uniform"), c -> {
                    Generator g = new Generator((Long) c.sample().get("seed"));
                    int[] shape = c.ints("shape");
                    return c.text("form").equals("rand") ? NDArray.on(c.backend()).rand(g, c.dataType(), shape)
                            : NDArray.on(c.backend()).uniform(g, c.number("a"), c.number("b"), c.dataType(), shape);
                }, HostCreation.random(), "Creation.rand(Generator,DType,int[])",
                        "Creation.uniform(Generator,double,double,DType,int[])"),
                creation("randn", CreationSamples.random("randn", "normal"), c -> {
                    Generator g = new Generator((Long) c.sample().get("seed"));
                    int[] shape = c.ints("shape");
                    return c.text("form").equals("randn") ? NDArray.on(c.backend()).randn(g, c.dataType(), shape)
                            : NDArray.on(c.backend()).normal(g, c.number("a"), Math.abs(c.number("b")), c.dataType(),
                                    shape);
                }, HostCreation.random(), "Creation.randn(Generator,DType,int[])",
                        "Creation.normal(Generator,double,double,DType,int[])"),
                creation("bernoulli", CreationSamples.random("bernoulli"), c -> NDArray.on(c.backend()).bernoulli(
                                new Generator((Long) c.sample().get("seed")), Math.abs(c.number("a")) / 5, c.dataType(),
                                c.ints("shape")),
                        HostCreation.random(), "Creation.bernoulli(Generator,double,DType,int[])"),
                creation("of", CreationSamples.of(), c -> {
                    TensorData d = (TensorData) c.sample().get("data");
                    Object flat = d.toJavaArray(c.dataType());
                    return c.text("form").equals("flat")
                            ? NDArray.on(c.backend()).of(flat, c.dataType(), d.shape().toArray())
                            : NDArray.on(c.backend()).of(nest(flat, d.shape(), c.dataType()));
                }, HostCreation.of(), "Creation.of(Object)", "Creation.of(Object,DType,int[])"));
    }

    private static CoreOp creation(String name, SampleSpace space, java.util.function.Function<CallContext, NDArray> f,
            HostReference ref, String... covers) {
        return CoreOp.builder(name, OpKind.CREATION).covers(covers).dtypes(F32, F64, I32, I64, BOOL)
                .domains(Domains.CREATION).samples(space).call(OpCall.single(f)).tolerance(ONE_ROUNDING)
                .reference(ref).build();
    }

    /** A nested Java array ({@code float[][]}, ...) holding {@code flat} in row-major order. */
    static Object nest(Object flat, Shape shape, DType dtype) {
        Class<?> leaf = flat.getClass().getComponentType();
        int[] dims = shape.toArray();
        Object out = Array.newInstance(leaf, dims);
        int n = Array.getLength(flat);
        for (int i = 0; i < n; i++) {
            int[] idx = TensorData.multiIndex(shape, i);
            Object row = out;
            for (int d = 0; d < idx.length - 1; d++) {
                row = Array.get(row, idx[d]);
            }
            Array.set(row, idx[idx.length - 1], Array.get(flat, i));
        }
        return out;
    }
}
