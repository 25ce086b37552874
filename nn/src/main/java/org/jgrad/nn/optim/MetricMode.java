package org.jgrad.nn.optim;

/**
 * Whether a monitored metric improves by going down (a loss) or up (an accuracy); for
 * {@link ReduceLROnPlateau} and {@link EarlyStopping}.
 */
public enum MetricMode {
    /** Lower is better. */
    MIN,
    /** Higher is better. */
    MAX
}
