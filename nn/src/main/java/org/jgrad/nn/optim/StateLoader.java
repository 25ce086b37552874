package org.jgrad.nn.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrad.autograd.Tensor;

/**
 * Checks a saved {@link OptimizerState} against an optimizer before anything is changed, and works out what
 * to load: the validated options of each group and the state tensors of each parameter.
 */
final class StateLoader<O extends OptimizerOptions> {
    private static final Pattern KEY = Pattern.compile("state\\.(\\d+)\\.([A-Za-z_][A-Za-z0-9_]*)");

    /** What {@link Optimizer#loadStateDict} will install, once everything checked out. */
    record Plan<O>(List<O> options, Map<Tensor, Map<String, Tensor>> state) {
    }

    private final Optimizer<O> optimizer;
    private final String where;

    StateLoader(Optimizer<O> optimizer) {
        this.optimizer = optimizer;
        this.where = optimizer.name() + ".loadStateDict: ";
    }

    Plan<O> check(OptimizerState saved) {
        if (!saved.optimizer().equals(optimizer.name())) {
            throw fail("the state was saved by " + saved.optimizer() + ", not " + optimizer.name());
        }
        List<ParamGroup<O>> groups = optimizer.paramGroups();
        if (saved.paramGroups().size() != groups.size()) {
            throw fail("the state has " + saved.paramGroups().size() + " param groups, this optimizer has "
                    + groups.size());
        }
        List<O> options = new ArrayList<>();
        Map<Integer, Tensor> byId = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            OptimizerState.Group s = saved.paramGroups().get(g);
            List<Tensor> params = groups.get(g).params();
            if (s.params().size() != params.size()) {
                throw fail("param group " + g + " has " + s.params().size() + " parameters in the state but "
                        + params.size() + " in this optimizer");
            }
            options.add(parseOptions(g, s));
            for (int j = 0; j < params.size(); j++) {
                if (byId.put(s.params().get(j), params.get(j)) != null) {
                    throw fail("parameter position " + s.params().get(j) + " is listed twice in the saved groups");
                }
            }
        }
        Map<Tensor, Map<String, Tensor>> state = stateTensors(saved.tensors(), byId);
        checkComplete(state, options);
        return new Plan<>(options, state);
    }

    private O parseOptions(int g, OptimizerState.Group s) {
        try {
            O o = optimizer.optionsFromMap(s.options());
            o.validate();
            if (s.initialLr().isPresent() && !(s.initialLr().getAsDouble() >= 0)) {
                throw new IllegalArgumentException("initialLr " + s.initialLr().getAsDouble() + " must be >= 0");
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw fail("param group " + g + ": " + e.getMessage());
        }
    }

    private Map<Tensor, Map<String, Tensor>> stateTensors(Map<String, Tensor> tensors, Map<Integer, Tensor> byId) {
        Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();
        List<String> problems = new ArrayList<>();
        tensors.forEach((key, t) -> {
            Matcher m = KEY.matcher(key);
            if (!m.matches()) {
                problems.add(key + ": not of the form state.<position>.<name>");
                return;
            }
            Tensor param = byId.get(Integer.parseInt(m.group(1)));
            String name = m.group(2);
            if (param == null) {
                problems.add(key + ": no parameter has position " + m.group(1) + " in the saved groups");
            } else if (!optimizer.stateNames().contains(name)) {
                problems.add(key + ": " + optimizer.name() + " keeps no state named '" + name + "' (it keeps "
                        + optimizer.stateNames() + ")");
            } else if (!t.dtype().isFloating()) {
                problems.add(key + ": dtype " + t.dtype() + ", expected a floating dtype");
            } else if (name.equals("step") ? t.numel() != 1 : !t.shape().equals(param.shape())) {
                problems.add(key + ": shape " + t.shape() + ", expected "
                        + (name.equals("step") ? "a single element" : param.shape() + " (the parameter's)"));
            } else {
                state.computeIfAbsent(param, p -> new LinkedHashMap<>()).put(name, t);
            }
        });
        if (!problems.isEmpty()) {
            throw fail("bad state tensors " + problems);
        }
        return state;
    }

    /** A parameter with some state must have all of it, or its next update would silently start over. */
    private void checkComplete(Map<Tensor, Map<String, Tensor>> state, List<O> options) {
        List<ParamGroup<O>> groups = optimizer.paramGroups();
        int position = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (Tensor p : groups.get(g).params()) {
                Map<String, Tensor> s = state.get(p);
                if (s != null && !s.keySet().containsAll(optimizer.stateNames(options.get(g)))) {
                    throw fail("parameter " + position + " (group " + g + ") has state " + s.keySet()
                            + " but with its options " + optimizer.name() + " keeps "
                            + optimizer.stateNames(options.get(g)));
                }
                position++;
            }
        }
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(where + message + "; nothing was loaded");
    }
}
