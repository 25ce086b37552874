package org.jgrad.core.cpu.simd;

import java.util.List;
import java.util.Optional;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.BackendProvider;

/**
 * Registers the {@link SimdBackend} (name {@code "simd"}, priority 10: the default when it can run).
 *
 * <p>This class must load in a JVM started without {@code --add-modules jdk.incubator.vector}, so it names
 * no Vector API type and touches {@link SimdBackend} only after {@link VectorSupport} has found the module.
 * Problems found at start-up (module missing, C2 JIT off, odd width setting) are printed once per JVM on
 * stderr, each with its fix.
 */
public final class SimdProvider implements BackendProvider {
    private static volatile Backend instance;

    @Override
    public String name() {
        return SimdBackend.NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<Backend> create() {
        VectorSupport.JvmFacts facts = VectorSupport.JvmFacts.current();
        List<String> problems = VectorSupport.problems(facts);
        problems.forEach(VectorSupport::reportOnce);
        if (!facts.vectorModulePresent()) {
            return Optional.empty();
        }
        return Optional.of(backend());
    }

    @Override
    public Optional<String> unavailableReason() {
        return VectorSupport.JvmFacts.current().vectorModulePresent()
                ? Optional.empty() : Optional.of(VectorSupport.MODULE_MISSING);
    }

    /** The shared instance; the first call loads the Vector API classes. */
    private static synchronized Backend backend() {
        if (instance == null) {
            SimdWidth.widthWarning().ifPresent(VectorSupport::reportOnce);
            instance = new SimdBackend();
        }
        return instance;
    }
}
