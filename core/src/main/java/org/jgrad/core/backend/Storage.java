package org.jgrad.core.backend;

import org.jgrad.core.DType;

/**
 * A flat buffer of elements owned by one {@link Backend}. Only that backend reads or writes it;
 * everything above the backend sees a Storage as an opaque handle plus a {@link org.jgrad.core.View}.
 */
public interface Storage {
    /** The element type. */
    DType dtype();

    /** Number of elements the buffer holds. */
    int size();

    /** The backend that made this storage and alone may touch its memory. */
    Backend backend();
}
