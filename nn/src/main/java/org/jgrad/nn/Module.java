package org.jgrad.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;

/**
 * A piece of a model: it owns parameters, buffers and child modules, and maps an input to an output
 * ({@link #forward}). As in PyTorch, a subclass simply declares its state as fields; they are found by
 * reflection and named by their field paths in PyTorch's snake_case, so state dicts interoperate:
 * <ul>
 *   <li>a {@code Tensor} field is a parameter (trained when it requires grad; a frozen one is still state),</li>
 *   <li>a {@code Tensor} field annotated {@link Buffer} is a buffer (saved, not trained),</li>
 *   <li>a {@code Module} field is a child; a list or array of modules gives children {@code name.0},
 *       {@code name.1}, ...; a {@code Map<String, Module>} gives {@code name.key},</li>
 *   <li>{@code static} and {@code transient} fields, and null ones, are not state.</li>
 * </ul>
 *
 * <pre>{@code
 * class Mlp extends Module {
 *     final Linear hidden = new Linear(784, 128, gen);
 *     final Linear out = new Linear(128, 10, gen);
 *     public Tensor forward(Tensor x) {
 *         return out.forward(hidden.forward(x).relu());
 *     }
 * }
 * Mlp m = new Mlp();
 * m.namedParameters().keySet();   // [hidden.weight, hidden.bias, out.weight, out.bias]
 * m.eval();                       // evaluation mode for Dropout and BatchNorm, recursively
 * }</pre>
 */
public abstract class Module {
    private boolean training = true;

    /** Maps an input to an output; layers with several inputs add overloads. */
    public abstract Tensor forward(Tensor input);

    // ---------------------------------------------------------------- tree

    /**
     * The direct children, in declaration order, by name. Containers that name their children themselves
     * (like {@link org.jgrad.nn.layers.Sequential}, whose children are {@code 0}, {@code 1}, ...) override this.
     */
    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (ModuleFields.Entry e : ModuleFields.of(getClass())) {
            Object value = e.get(this);
            if (value == null) {
                continue;
            }
            switch (e.kind()) {
                case CHILD -> out.put(e.name(), (Module) value);
                case CHILDREN -> addChildren(out, e.name(), value);
                default -> { }
            }
        }
        return out;
    }

    private static void addChildren(Map<String, Module> out, String name, Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.values().stream().allMatch(Module.class::isInstance)) {
                map.forEach((k, v) -> out.put(name + "." + k, (Module) v));
            }
            return;
        }
        Collection<?> items = value instanceof Object[] array ? List.of(array) : (Collection<?>) value;
        if (!items.stream().allMatch(Module.class::isInstance)) {
            return;   // a collection of something else (numbers, names) is not part of the module tree
        }
        int i = 0;
        for (Object item : items) {
            out.put(name + "." + i++, (Module) item);
        }
    }

    /** This module (name "") and every descendant, pre-order, by dotted path. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out);
        return out;
    }

    private void collectModules(String prefix, Map<String, Module> out) {
        out.put(prefix, this);
        namedChildren().forEach((name, child) -> child.collectModules(StateNames.join(prefix, name), out));
    }

    /** Calls {@code fn} on every descendant, then on this module (PyTorch's order); e.g. for initialisation. */
    public Module apply(Consumer<? super Module> fn) {
        for (Module child : namedChildren().values()) {
            child.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    // ---------------------------------------------------------------- parameters and buffers

    /** This module's own parameters (not its children's), by field name. */
    public Map<String, Tensor> ownParameters() {
        return own(ModuleFields.Kind.PARAMETER);
    }

    /** This module's own buffers (not its children's), by field name. */
    public Map<String, Tensor> ownBuffers() {
        return own(ModuleFields.Kind.BUFFER);
    }

    private Map<String, Tensor> own(ModuleFields.Kind kind) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ModuleFields.Entry e : ModuleFields.of(getClass())) {
            if (e.kind() == kind && e.get(this) instanceof Tensor t) {
                out.put(e.name(), t);
            }
        }
        return out;
    }

    /** Every parameter of the tree by dotted path, each tensor once (a shared one under its first name). */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((path, m) -> m.ownParameters().forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(StateNames.join(path, name), p);
            }
        }));
        return out;
    }

    /** The parameters of {@link #namedParameters()}, in the same order. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every buffer of the tree by dotted path. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedModules().forEach((path, m) -> m.ownBuffers().forEach((name, b) -> out.put(StateNames.join(path, name), b)));
        return out;
    }

    /** Number of parameter elements (shared parameters counted once), trainable or frozen. */
    public long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /** Number of elements of the parameters that require grad. */
    public long trainableParameterCount() {
        return parameters().stream().filter(Tensor::requiresGrad).mapToLong(Tensor::numel).sum();
    }

    /** Forgets every parameter's gradient (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    // ---------------------------------------------------------------- modes

    /** Training mode (the default), recursively: Dropout drops, BatchNorm uses and updates batch statistics. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode, recursively: Dropout is the identity, BatchNorm uses its running statistics. */
    public Module eval() {
        return train(false);
    }

    /** Sets training mode on this module and all descendants; returns this. */
    public Module train(boolean mode) {
        for (Module m : namedModules().values()) {
            m.training = mode;
        }
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- state dicts

    /**
     * Parameters and buffers by dotted path, module by module (own parameters, own buffers, then children),
     * as PyTorch's {@code state_dict()}. The tensors are detached but share storage with the module, so a
     * snapshot must be copied ({@code t.copy()}).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        namedModules().forEach((path, m) -> {
            m.ownParameters().forEach((name, p) -> out.put(StateNames.join(path, name), p.detach()));
            m.ownBuffers().forEach((name, b) -> out.put(StateNames.join(path, name), b.detach()));
        });
        return out;
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers, in place (so optimizers
     * holding the parameters keep working); values are cast to each tensor's dtype.
     *
     * <p>Strict: every key must match and every shape agree, or nothing is changed and the error lists the
     * missing, unexpected and mis-shaped keys. Non-strict: the matching keys are loaded and the rest reported
     * in the result.
     *
     * <pre>{@code
     * model.loadStateDict(Checkpoint.load(path).model(), true);
     * StateDictReport r = model.loadStateDict(pretrained, false);   // r.missing(), r.unexpected(), r.mismatched()
     * }</pre>
     */
    public StateDictReport loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        Map<String, Tensor> matching = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor given = state.get(e.getKey());
            if (given == null) {
                missing.add(e.getKey());
            } else if (!given.shape().equals(e.getValue().shape())) {
                mismatched.add(e.getKey() + ": checkpoint " + given.shape() + ", model " + e.getValue().shape());
            } else {
                matching.put(e.getKey(), given);
            }
        }
        List<String> unexpected = state.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        StateDictReport report = new StateDictReport(missing, unexpected, mismatched);
        if (strict && !report.isClean()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": "
                    + report.describe() + "; nothing was loaded");
        }
        try (var noGrad = GradMode.noGrad()) {
            matching.forEach((key, value) -> own.get(key).copy_(value));
        }
        return report;
    }

    // ---------------------------------------------------------------- printing

    /** The constructor arguments worth printing, e.g. {@code in_features=3, out_features=2}; empty by default. */
    protected String extraRepr() {
        return "";
    }

    /**
     * A tree like PyTorch's, with each module's own parameter shapes and each subtree's parameter count:
     * <pre>
     * Mlp (1,354 parameters)
     *   (hidden): Linear(in_features=4, out_features=128) weight [128, 4], bias [128] (640)
     *   ...
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        describe(out, "", "");
        return out.toString();
    }

    private void describe(StringBuilder out, String indent, String label) {
        out.append(indent).append(label).append(getClass().getSimpleName());
        String extra = extraRepr();
        if (!extra.isEmpty() || namedChildren().isEmpty()) {
            out.append('(').append(extra).append(')');
        }
        List<String> shapes = new ArrayList<>();
        ownParameters().forEach((name, p) -> shapes.add(name + " " + p.shape()));
        ownBuffers().forEach((name, b) -> shapes.add(name + " " + b.shape() + " (buffer)"));
        if (!shapes.isEmpty()) {
            out.append(' ').append(String.join(", ", shapes));
        }
        long count = parameterCount();
        if (count > 0) {
            out.append(String.format(" (%,d parameter%s)", count, count == 1 ? "" : "s"));
        }
        namedChildren().forEach((name, child) -> {
            out.append('\n');
            child.describe(out, indent + "  ", "(" + name + "): ");
        });
    }
}
