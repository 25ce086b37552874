package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.jgrad.core.cpu.simd.VectorSupport.JvmFacts;
import org.junit.jupiter.api.Test;

/** The start-up checks, fed with the facts of JVMs we cannot start from a unit test. */
class VectorSupportTest {
    /** A JVM where all is well: module present, C2 on, no width set. */
    private static JvmFacts healthy() {
        return new JvmFacts(true, true, "mixed mode, sharing", true, 4, null);
    }

    @Test
    void aHealthyJvmHasNoProblems() {
        assertEquals(List.of(), VectorSupport.problems(healthy()));
    }

    @Test
    void aMissingModuleSaysHowToAddIt() {
        List<String> p = VectorSupport.problems(new JvmFacts(false, true, "mixed mode", true, 4, null));
        assertEquals(List.of(VectorSupport.MODULE_MISSING), p);
        assertTrue(p.get(0).contains("--add-modules jdk.incubator.vector"), p.get(0));
        assertTrue(p.get(0).contains("simd backend is off"), p.get(0));
    }

    @Test
    void tieredStopAtLevelBelowC2SaysToRemoveIt() {
        List<String> p = VectorSupport.problems(new JvmFacts(true, true, "mixed mode, emulated-client", true, 1, null));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("-XX:TieredStopAtLevel=1"), p.get(0));
        assertTrue(p.get(0).contains("remove -XX:TieredStopAtLevel"), p.get(0));
        assertTrue(p.get(0).contains("slowly"), p.get(0));
    }

    @Test
    void tieredStopAtLevelIsHarmlessWithoutTieredCompilation() {
        // -XX:-TieredCompilation compiles straight with C2 and ignores the stop level.
        assertEquals(List.of(), VectorSupport.problems(new JvmFacts(true, true, "mixed mode", false, 1, null)));
    }

    @Test
    void anInterpreterOnlyJvmSaysToRemoveXint() {
        List<String> xint = VectorSupport.problems(new JvmFacts(true, true, "interpreted mode, sharing", true, 4, null));
        assertEquals(1, xint.size(), xint.toString());
        assertTrue(xint.get(0).contains("remove -Xint"), xint.get(0));
        List<String> noJit = VectorSupport.problems(new JvmFacts(true, false, "", true, 4, null));
        assertEquals(1, noJit.size(), noJit.toString());
    }

    @Test
    void problemsAddUp() {
        List<String> p = VectorSupport.problems(new JvmFacts(false, true, "interpreted mode", true, 4, "wide"));
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void theWidthPropertyIsParsedStrictly() {
        assertEquals(OptionalInt.of(-1), VectorSupport.parseWidth(null));
        assertEquals(OptionalInt.of(0), VectorSupport.parseWidth("0"));
        assertEquals(OptionalInt.of(256), VectorSupport.parseWidth(" 256 "));
        assertEquals(OptionalInt.empty(), VectorSupport.parseWidth("300"));
        assertEquals(OptionalInt.empty(), VectorSupport.parseWidth("max"));
        List<String> p = VectorSupport.problems(new JvmFacts(true, true, "mixed mode", true, 4, "300"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("jgrad.simd.width=300"), p.get(0));
    }

    @Test
    void eachMessageIsPrintedOnce() {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            String message = "jgrad: test message " + System.nanoTime();
            VectorSupport.reportOnce(message);
            VectorSupport.reportOnce(message);
            assertEquals(message + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void theTestJvmItselfIsHealthy() {
        // Surefire runs with --add-modules jdk.incubator.vector and C2: the provider must offer the backend.
        JvmFacts facts = JvmFacts.current();
        assertTrue(facts.vectorModulePresent(), facts.toString());
        SimdProvider provider = new SimdProvider();
        assertEquals("simd", provider.name());
        assertTrue(provider.create().isPresent());
        assertTrue(provider.unavailableReason().isEmpty());
    }
}
