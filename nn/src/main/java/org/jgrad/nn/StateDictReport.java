package org.jgrad.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Module#loadStateDict} did not load: keys the module has but the state lacks, keys the state
 * has but the module lacks, and keys whose shapes disagree (each with both shapes).
 */
public record StateDictReport(List<String> missing, List<String> unexpected, List<String> mismatched) {
    public StateDictReport {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** True when every key matched. */
    public boolean isClean() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** E.g. {@code "missing keys [fc.bias]; unexpected keys [head.weight]; mis-shaped keys [fc.weight: ...]"}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing keys " + missing);
        }
        if (!unexpected.isEmpty()) {
            parts.add("unexpected keys " + unexpected);
        }
        if (!mismatched.isEmpty()) {
            parts.add("mis-shaped keys " + mismatched);
        }
        return parts.isEmpty() ? "all keys matched" : String.join("; ", parts);
    }
}
