package org.jgrad.nn.optim;

/** How {@link ReduceLROnPlateau}'s threshold measures a significant improvement. */
public enum ThresholdMode {
    /** Relative: better than {@code best * (1 - threshold)} (MIN) or {@code best * (1 + threshold)} (MAX). */
    REL,
    /** Absolute: better than {@code best - threshold} (MIN) or {@code best + threshold} (MAX). */
    ABS
}
