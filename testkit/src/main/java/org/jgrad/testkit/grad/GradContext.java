package org.jgrad.testkit.grad;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.SampleInput;

/**
 * What a {@link GradCall} gets: the input tensors (data operands requiring grad where the check needs it,
 * index operands I64, masks BOOL), the sample they came from (for keyword arguments), and where it runs.
 *
 * @param inputs   the tensor operands, in the sample's order
 * @param sample   the sample (keyword arguments)
 * @param backend  where this run happens
 * @param dataType the dtype of data operands in this run
 */
public record GradContext(List<Tensor> inputs, SampleInput sample, Backend backend, DType dataType) {

    public GradContext {
        inputs = List.copyOf(inputs);
    }

    /** Input {@code i}. */
    public Tensor in(int i) {
        return inputs.get(i);
    }

    /** Input {@code i}, or null when the sample has fewer operands (optional weights and biases). */
    public Tensor optional(int i) {
        return i < inputs.size() ? inputs.get(i) : null;
    }

    /** All inputs, for varargs ops such as {@code concat}. */
    public Tensor[] all() {
        return inputs.toArray(Tensor[]::new);
    }

    public boolean has(String name) {
        return sample.has(name);
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

    public DType dtype(String name) {
        return sample.dtype(name);
    }
}
