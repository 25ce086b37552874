package org.jgrad.testkit;

import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * What an {@link OpCall} gets: the materialised inputs, the sample they came from (for keyword arguments),
 * and the backend and data dtype of this run (for ops that make arrays from nothing, like {@code eye}).
 *
 * @param inputs   the tensor operands, in the sample's order
 * @param sample   the sample (keyword arguments)
 * @param backend  where this run happens
 * @param dataType the dtype of data operands in this run
 */
public record CallContext(List<NDArray> inputs, SampleInput sample, Backend backend, DType dataType) {

    public CallContext {
        inputs = List.copyOf(inputs);
    }

    /** Input {@code i}. */
    public NDArray in(int i) {
        return inputs.get(i);
    }

    /** All inputs as an array (for varargs ops such as concat). */
    public NDArray[] all() {
        return inputs.toArray(NDArray[]::new);
    }

    public int integer(String name) {
        return sample.integer(name);
    }

    public int[] ints(String name) {
        return sample.ints(name);
    }

    public boolean flag(String name) {
        return sample.flag(name);
    }

    public double number(String name) {
        return sample.number(name);
    }

    public String text(String name) {
        return sample.text(name);
    }
}
