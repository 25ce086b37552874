package org.jgrad.bench.peers;

/**
 * What one worker process gave: its result, or why there is none (exit status and the end of its output).
 *
 * <pre>{@code
 * Outcome o = Outcome.failed("exit 1: OutOfMemoryError");
 * o.ok();   // false
 * }</pre>
 */
public record Outcome(PeerResult result, String failure) {
    public Outcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("Outcome: exactly one of result and failure, got " + result + " and "
                    + failure);
        }
    }

    public static Outcome of(PeerResult result) {
        return new Outcome(result, null);
    }

    public static Outcome failed(String why) {
        return new Outcome(null, why);
    }

    public boolean ok() {
        return result != null;
    }
}
