package org.jgrad.nn.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that file-writing code can be passed as a lambda.
 *
 * <pre>{@code
 * IOConsumer<OutputStream> body = out -> out.write(bytes);
 * AtomicFiles.write(path, body);
 * }</pre>
 */
@FunctionalInterface
public interface IOConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
