package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * One way to call an op, as PyTorch's {@code SampleInput}: the tensor operands plus keyword arguments
 * (axes, a dim, keepdim, a scalar, a target dtype, ...). Backend- and dtype-free, so one sample can run on
 * every backend and layout.
 *
 * <pre>{@code
 * SampleInput s = SampleInput.of(Operand.data(x)).with("axes", new int[] {0, 2}).with("keepdim", true);
 * s.ints("axes");  s.flag("keepdim");
 * List<NDArray> inputs = s.materialize(backend, DType.F32);
 * }</pre>
 *
 * @param operands the tensor inputs, in call order
 * @param kwargs   the other arguments, by name (values may be null, e.g. "all axes")
 */
public record SampleInput(List<Operand> operands, Map<String, Object> kwargs) {

    public SampleInput {
        operands = List.copyOf(operands);
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public static SampleInput of(Operand... operands) {
        return new SampleInput(List.of(operands), Map.of());
    }

    public static SampleInput of(List<Operand> operands) {
        return new SampleInput(operands, Map.of());
    }

    /** This sample with one more keyword argument. */
    public SampleInput with(String name, Object value) {
        Map<String, Object> k = new LinkedHashMap<>(kwargs);
        k.put(name, value);
        return new SampleInput(operands, k);
    }

    /** This sample with other operands and the same keyword arguments. */
    public SampleInput withOperands(List<Operand> newOperands) {
        return new SampleInput(newOperands, kwargs);
    }

    public Operand operand(int i) {
        return operands.get(i);
    }

    /** Fresh contiguous arrays of all operands on {@code backend}, data operands in {@code dataType}. */
    public List<NDArray> materialize(Backend backend, DType dataType) {
        List<NDArray> out = new ArrayList<>();
        for (Operand o : operands) {
            out.add(o.on(backend, dataType));
        }
        return out;
    }

    /** Total element count of the operands (how big the sample is, for shrinking reports). */
    public int totalNumel() {
        return operands.stream().mapToInt(o -> o.data().numel()).sum();
    }

    public boolean has(String name) {
        return kwargs.containsKey(name);
    }

    public Object get(String name) {
        if (!kwargs.containsKey(name)) {
            throw new IllegalArgumentException("sample has no argument '" + name + "': " + this);
        }
        return kwargs.get(name);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public int[] ints(String name) {
        return (int[]) get(name);
    }

    public double number(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean flag(String name) {
        return (Boolean) get(name);
    }

    public String text(String name) {
        return (String) get(name);
    }

    public DType dtype(String name) {
        return (DType) get(name);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SampleInput(");
        for (int i = 0; i < operands.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(operands.get(i));
        }
        kwargs.forEach((k, v) -> sb.append(", ").append(k).append('=').append(show(v)));
        return sb.append(')').toString();
    }

    private static String show(Object v) {
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof double[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(v);
    }
}
