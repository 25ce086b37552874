package org.jgrad.nn.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jgrad.autograd.Tensor;
import org.jgrad.nn.Module;

/**
 * Modules applied one after another (PyTorch's {@code nn.Sequential}); its children are named {@code 0},
 * {@code 1}, ..., so parameter names read {@code 0.weight}, {@code 2.bias}, as in PyTorch. Empty, it is the
 * identity.
 *
 * <pre>{@code
 * Sequential mlp = new Sequential(new Linear(4, 16, gen), new ReLU(), new Linear(16, 3, gen));
 * Tensor logits = mlp.forward(x);
 * mlp.namedParameters().keySet();   // [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
public class Sequential extends Module {
    /** Transient: the children are named by position through {@link #namedChildren()}, not by this field. */
    private final transient List<Module> modules = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends {@code module} (it becomes child {@code size() - 1}); returns this. */
    public Sequential add(Module module) {
        modules.add(Objects.requireNonNull(module, () -> "Sequential.add: module " + modules.size() + " is null"));
        return this;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("Sequential.get: index " + index + " out of range for "
                    + modules.size() + " modules");
        }
        return modules.get(index);
    }

    public int size() {
        return modules.size();
    }

    @Override
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            out.put(Integer.toString(i), modules.get(i));
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }
}
