package org.jgrad.core.cpu.simd;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Start-up checks for the simd backend: is the Vector API module there, and will the C2 JIT compile it?
 *
 * <p>Without {@code --add-modules jdk.incubator.vector} the backend cannot load at all; without C2 (an
 * interpreter-only JVM, or {@code -XX:TieredStopAtLevel=1}, which IDE and build-tool "fast start" settings
 * add) every vector op runs as a slow Java fallback, often slower than the scalar reference. Both used to
 * fail silently in other projects (Jlama#50, Lucene#12764), so jgrad says so, once, on stderr.
 *
 * <p>This class uses no Vector API type, so it loads and runs when the module is missing. The checks are
 * a pure function of {@link JvmFacts}, so a test can feed it any JVM's facts:
 *
 * <pre>{@code
 * var facts = new VectorSupport.JvmFacts(true, true, "mixed mode", true, 1, null);
 * VectorSupport.problems(facts);  // ["jgrad: the C2 JIT compiler is off (-XX:TieredStopAtLevel=1) ..."]
 * }</pre>
 */
public final class VectorSupport {
    /** System property with the SIMD width in bits: 0 (scalar), 64, 128, 256 or 512. */
    public static final String WIDTH_PROPERTY = "jgrad.simd.width";

    /** Name of the incubating Vector API module. */
    public static final String MODULE = "jdk.incubator.vector";

    /** The message printed when the Vector API module is not in the JVM. */
    public static final String MODULE_MISSING = "jgrad: the Vector API module is missing, so the simd backend is off"
            + " and jgrad runs the slow scalar reference; add the JVM option --add-modules " + MODULE;

    private static final Set<String> REPORTED = new HashSet<>();

    private VectorSupport() {
    }

    /**
     * What decides whether SIMD code runs fast in this JVM.
     *
     * @param vectorModulePresent {@code jdk.incubator.vector} is in the boot layer
     * @param jitPresent          the JVM has a JIT compiler at all (a {@link CompilationMXBean})
     * @param vmInfo              the {@code java.vm.info} property, e.g. {@code "mixed mode, sharing"}
     * @param tieredCompilation   the {@code -XX:TieredCompilation} flag (true when unknown)
     * @param tieredStopAtLevel   the {@code -XX:TieredStopAtLevel} flag, 4 (C2) when unknown
     * @param widthProperty       the raw {@value #WIDTH_PROPERTY} property, or null when unset
     */
    public record JvmFacts(boolean vectorModulePresent, boolean jitPresent, String vmInfo,
                           boolean tieredCompilation, int tieredStopAtLevel, String widthProperty) {

        /** The facts of the running JVM. */
        public static JvmFacts current() {
            boolean module = ModuleLayer.boot().findModule(MODULE).isPresent();
            boolean jit = true;
            boolean tiered = true;
            int stopAt = 4;
            try {
                jit = ManagementFactory.getCompilationMXBean() != null;
                tiered = Boolean.parseBoolean(HotSpotFlags.get("TieredCompilation", "true"));
                stopAt = Integer.parseInt(HotSpotFlags.get("TieredStopAtLevel", "4"));
            } catch (LinkageError | RuntimeException e) {
                // A runtime without java.management / jdk.management: keep the optimistic defaults.
            }
            return new JvmFacts(module, jit, System.getProperty("java.vm.info", ""), tiered, stopAt,
                    System.getProperty(WIDTH_PROPERTY));
        }
    }

    /**
     * Everything wrong with these facts, as messages for the user (empty when SIMD can run fast). A missing
     * module is reported as {@link #MODULE_MISSING}; the JIT problems say that simd will run slowly and how
     * to fix it; a malformed width property says which value is used instead.
     */
    public static List<String> problems(JvmFacts f) {
        List<String> out = new ArrayList<>();
        if (!f.vectorModulePresent()) {
            out.add(MODULE_MISSING);
        }
        String info = f.vmInfo() == null ? "" : f.vmInfo().toLowerCase(Locale.ROOT);
        String slow = ", so the simd backend will run very slowly (the Vector API is only fast once the C2 JIT"
                + " compiles it); ";
        if (!f.jitPresent() || info.contains("interpreted mode")) {
            out.add("jgrad: this JVM runs interpreted only (-Xint or no JIT compiler)" + slow
                    + "remove -Xint and run on a HotSpot JVM with C2");
        } else if (f.tieredCompilation() && f.tieredStopAtLevel() < 4) {
            out.add("jgrad: the C2 JIT compiler is off (-XX:TieredStopAtLevel=" + f.tieredStopAtLevel() + ")" + slow
                    + "remove -XX:TieredStopAtLevel (IDE and build-tool 'fast start' settings often add it)");
        }
        if (parseWidth(f.widthProperty()).isEmpty()) {
            out.add("jgrad: -D" + WIDTH_PROPERTY + "=" + f.widthProperty() + " is not a SIMD width (expected 0, 64,"
                    + " 128, 256 or 512 bits); the simd backend uses the CPU's preferred width instead");
        }
        return out;
    }

    /**
     * The width in bits the property asks for: 0 for scalar loops, or 64/128/256/512; {@code -1} when unset
     * (use the CPU's preferred width); empty when malformed.
     */
    public static OptionalInt parseWidth(String property) {
        if (property == null || property.isBlank()) {
            return OptionalInt.of(-1);
        }
        try {
            int bits = Integer.parseInt(property.trim());
            if (bits == 0 || bits == 64 || bits == 128 || bits == 256 || bits == 512) {
                return OptionalInt.of(bits);
            }
        } catch (NumberFormatException ignored) {
            // malformed: reported by problems()
        }
        return OptionalInt.empty();
    }

    /** Prints {@code message} to stderr unless this JVM has printed it before. */
    public static void reportOnce(String message) {
        synchronized (REPORTED) {
            if (!REPORTED.add(message)) {
                return;
            }
        }
        System.err.println(message);
    }

    /** Reads HotSpot flags; a separate class so that a JVM without jdk.management fails only here. */
    private static final class HotSpotFlags {
        static String get(String flag, String fallback) {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return fallback;
            }
            try {
                return bean.getVMOption(flag).getValue();
            } catch (IllegalArgumentException unknownFlag) {
                return fallback;
            }
        }
    }
}
