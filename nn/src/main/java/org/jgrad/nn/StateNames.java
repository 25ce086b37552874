package org.jgrad.nn;

/** Java field names to state-dict names: PyTorch's snake_case, so that checkpoints interoperate. */
final class StateNames {
    private StateNames() {
    }

    /** {@code runningMean -> running_mean}, {@code inProjWeight -> in_proj_weight}, {@code linear1 -> linear1}. */
    static String of(String fieldName) {
        StringBuilder out = new StringBuilder(fieldName.length() + 4);
        for (int i = 0; i < fieldName.length(); i++) {
            char c = fieldName.charAt(i);
            if (Character.isUpperCase(c)) {
                char before = i > 0 ? fieldName.charAt(i - 1) : 'A';
                if (Character.isLowerCase(before) || Character.isDigit(before)) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
