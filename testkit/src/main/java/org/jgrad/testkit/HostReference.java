package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.DType;

/**
 * An independent, plain-loop implementation of an op on host values (PyTorch OpInfo's {@code ref}): it
 * shares no code with core's front end or backends, so it catches bugs that every backend shares (shape
 * inference, dtype promotion, argument handling). It throws (any {@link RuntimeException}) where the op
 * must reject its input.
 *
 * <pre>{@code
 * HostReference exp = HostReference.unary(Math::exp, true);
 * List<Expected> e = exp.expected(sample, DType.F32);    // values and dtype exp must return
 * }</pre>
 */
@FunctionalInterface
public interface HostReference {
    /** The outputs for {@code sample} when its data operands have dtype {@code dataType}. */
    List<Expected> expected(SampleInput sample, DType dataType);

    /** The operand values as their dtypes hold them when data operands take {@code dataType}. */
    static List<TensorData> inputs(SampleInput sample, DType dataType) {
        List<TensorData> out = new ArrayList<>();
        for (Operand o : sample.operands()) {
            out.add(o.data().as(o.dtype(dataType)));
        }
        return out;
    }

    /**
     * An elementwise function of one input; {@code needsFloat} ops turn integer input into F32 first
     * (as {@code torch.exp(int_tensor)} does).
     */
    static HostReference unary(java.util.function.DoubleUnaryOperator f, boolean needsFloat) {
        return (s, t) -> {
            DType out = needsFloat ? HostMath.floating(t) : t;
            TensorData x = inputs(s, t).get(0).as(out);
            return List.of(Expected.of(HostMath.map(x, f), out));
        };
    }
}
