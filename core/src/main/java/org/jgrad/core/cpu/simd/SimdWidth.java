package org.jgrad.core.cpu.simd;

import java.util.Optional;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every simd kernel uses, fixed once per JVM by {@code -Djgrad.simd.width}.
 *
 * <p>The species is a {@code static final} so that C2 treats its lane count as a constant: it then unrolls
 * and compiles each {@code FloatVector} op to one machine instruction. A species read from a field that can
 * change would defeat that and every op would box.
 *
 * <p>Width 0 asks for plain scalar Java loops: {@link #loopBound(int)} is then 0, so every kernel's vector
 * loop runs zero times and its scalar tail does all the work. This is the way to check the kernels'
 * scalar paths, or to compare against them.
 *
 * <pre>{@code
 * int i = 0;
 * for (; i < SimdWidth.loopBound(n); i += SimdWidth.LANES) {
 *     FloatVector.fromArray(SimdWidth.F32, x, i).neg().intoArray(y, i);
 * }
 * for (; i < n; i++) y[i] = -x[i];      // the scalar tail (everything when the width is 0)
 * }</pre>
 */
public final class SimdWidth {
    /** Width in bits asked for by the property: 0 for scalar, else the species' bit size. */
    public static final int BITS;

    /** True when the width is 0: no vector ops at all, only scalar loops. */
    public static final boolean SCALAR;

    /** The float species the kernels use (unused when {@link #SCALAR}). */
    public static final VectorSpecies<Float> F32;

    /** Lanes of {@link #F32}; 1 when {@link #SCALAR}. */
    public static final int LANES;

    static {
        int asked = VectorSupport.parseWidth(System.getProperty(VectorSupport.WIDTH_PROPERTY)).orElse(-1);
        SCALAR = asked == 0;
        F32 = asked > 0 ? FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(asked))
                : FloatVector.SPECIES_PREFERRED;
        BITS = SCALAR ? 0 : F32.vectorBitSize();
        LANES = SCALAR ? 1 : F32.length();
    }

    private SimdWidth() {
    }

    /** The largest multiple of the lane count not above {@code n}; 0 when {@link #SCALAR}. */
    public static int loopBound(int n) {
        return SCALAR ? 0 : F32.loopBound(n);
    }

    /**
     * A warning when the chosen width is wider than this CPU's vectors: the Vector API then emulates each op
     * in Java, much slower than the scalar path.
     */
    public static Optional<String> widthWarning() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (!SCALAR && BITS > preferred) {
            return Optional.of("jgrad: -D" + VectorSupport.WIDTH_PROPERTY + "=" + BITS + " is wider than this CPU's "
                    + preferred + "-bit vectors, so the Vector API emulates it and the simd backend runs slowly;"
                    + " leave the property unset to use " + preferred + " bits");
        }
        return Optional.empty();
    }

    /** A short description, e.g. {@code "256-bit (8 float lanes)"} or {@code "scalar"}. */
    public static String describe() {
        return SCALAR ? "scalar" : BITS + "-bit (" + LANES + " float lanes)";
    }
}
