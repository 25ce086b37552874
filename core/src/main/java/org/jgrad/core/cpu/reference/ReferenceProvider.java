package org.jgrad.core.cpu.reference;

import java.util.Optional;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.BackendProvider;

/** Registers the {@link ReferenceBackend}; always available. */
public final class ReferenceProvider implements BackendProvider {
    private static final ReferenceBackend INSTANCE = new ReferenceBackend();

    @Override
    public String name() {
        return ReferenceBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<Backend> create() {
        return Optional.of(INSTANCE);
    }
}
