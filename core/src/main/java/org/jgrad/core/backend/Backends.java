package org.jgrad.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The registry of backends found through {@link ServiceLoader}.
 *
 * <p>The default backend is the one named by the system property {@code jgrad.backend}, else the
 * available provider with the highest priority (simd when the Vector API is present, else reference).
 *
 * <pre>{@code
 * Backend ref = Backends.get("reference");
 * Backend dflt = Backends.defaultBackend();
 * }</pre>
 */
public final class Backends {
    /** System property naming the default backend. */
    public static final String PROPERTY = "jgrad.backend";

    private static volatile Map<String, Backend> available;
    private static volatile Map<String, String> unavailable;

    private Backends() {
    }

    /** The backend with this name, or an error listing those available. */
    public static Backend get(String name) {
        load();
        Backend b = available.get(name);
        if (b == null) {
            String why = unavailable.get(name);
            throw new IllegalArgumentException("backend '" + name + "' is "
                    + (why != null ? "unavailable: " + why : "unknown") + "; available: " + available.keySet());
        }
        return b;
    }

    /** The backend with this name if it can run here. */
    public static Optional<Backend> find(String name) {
        load();
        return Optional.ofNullable(available.get(name));
    }

    /** Names of the backends that can run here, best first. */
    public static List<String> names() {
        load();
        return new ArrayList<>(available.keySet());
    }

    /** The backend new tensors use unless told otherwise. */
    public static Backend defaultBackend() {
        load();
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return get(chosen.trim());
        }
        return available.values().iterator().next();
    }

    private static synchronized void load() {
        if (available != null) {
            return;
        }
        List<BackendProvider> providers = new ArrayList<>();
        Map<String, String> notOk = new LinkedHashMap<>();
        // A provider that fails to load (a broken plugin jar) is reported, not allowed to hide the others.
        var it = ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                notOk.put("provider#" + notOk.size(), e.getMessage());
            }
        }
        providers.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        Map<String, Backend> ok = new LinkedHashMap<>();
        for (BackendProvider p : providers) {
            Optional<Backend> b = p.create();
            if (b.isPresent()) {
                ok.putIfAbsent(p.name(), b.get());
            } else {
                notOk.put(p.name(), p.unavailableReason().orElse("its provider declined"));
            }
        }
        if (ok.isEmpty()) {
            throw new IllegalStateException("no jgrad backend found on the class path (is jgrad-core's "
                    + "META-INF/services file missing?)");
        }
        unavailable = notOk;
        available = ok;
    }
}
