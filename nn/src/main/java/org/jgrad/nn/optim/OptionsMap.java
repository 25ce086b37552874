package org.jgrad.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an options record back from {@link OptimizerOptions#toMap()} form (as parsed from a saved state),
 * with errors that name the optimizer and the key. Every key must be known and present.
 */
final class OptionsMap {
    private final String optimizer;
    private final Map<String, Object> values;

    OptionsMap(String optimizer, Map<String, Object> values, Set<String> keys) {
        this.optimizer = optimizer;
        this.values = values;
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(keys);
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(values.keySet());
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new IllegalArgumentException(optimizer + " options: expected the keys " + keys
                    + (missing.isEmpty() ? "" : ", missing " + missing)
                    + (unknown.isEmpty() ? "" : ", unknown " + unknown));
        }
    }

    double number(String key) {
        if (values.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, "a number");
    }

    boolean flag(String key) {
        if (values.get(key) instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "true or false");
    }

    /** A two-number list, like Adam's {@code betas}. */
    double[] pair(String key) {
        if (values.get(key) instanceof List<?> list && list.size() == 2
                && list.get(0) instanceof Number a && list.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw wrongType(key, "a list of two numbers");
    }

    private IllegalArgumentException wrongType(String key, String expected) {
        return new IllegalArgumentException(optimizer + " options: '" + key + "' must be " + expected + ", got "
                + values.get(key));
    }

    /** Throws PyTorch's "Invalid ... value" message unless {@code ok}. */
    static void check(boolean ok, String optimizer, String what, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(optimizer + ": invalid " + what + ": " + value + " (" + rule + ")");
        }
    }
}
