package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backends;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** What a {@link MemoryScope} releases when it closes, and what it leaves alone. */
class MemoryScopeTest {
    private final ReferenceBackend backend = (ReferenceBackend) Backends.get("simd");

    private NDArray ramp() {
        return NDArray.on(backend).arange(0, 8, 1, DType.F32);
    }

    @Test
    void temporariesAreReleasedAndReusedOutsideStaysAlive() {
        NDArray outside = ramp();
        NDArray inside;
        try (MemoryScope scope = MemoryScope.open()) {
            inside = outside.mul(2.0).add(1.0);
            assertEquals(2, scope.size());     // mul's and add's results, not the input made outside
        }
        var e = assertThrows(IllegalStateException.class, inside::toFloatArray);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, outside.toFloatArray());
        long reused = backend.pool().counts()[0];
        NDArray again = outside.mul(2.0);           // same size: served from what the scope gave back
        assertEquals(reused + 1, backend.pool().counts()[0]);
        assertArrayEquals(new float[] {0, 2, 4, 6, 8, 10, 12, 14}, again.toFloatArray());
    }

    @Test
    void keptArraysMoveToTheEnclosingScopeAndPersistedOnesToNone() {
        NDArray kept;
        NDArray persisted;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope inner = MemoryScope.open()) {
                NDArray e = ramp().exp();
                persisted = ramp().neg();
                int owned = inner.size();
                kept = MemoryScope.keep(e);
                MemoryScope.persist(persisted.storage());
                assertEquals(owned - 2, inner.size());
            }
            assertEquals(1, outer.size());     // the kept one
            assertEquals(8, kept.toFloatArray().length);   // alive after the inner scope
        }
        assertThrows(IllegalStateException.class, kept::toFloatArray);
        assertArrayEquals(new float[] {-0f, -1, -2, -3, -4, -5, -6, -7}, persisted.toFloatArray());
    }

    @Test
    void scopesCloseInnermostFirstOnTheirOwnThread() {
        MemoryScope outer = MemoryScope.open();
        MemoryScope inner = MemoryScope.open();
        var e = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(e.getMessage().contains("out of order"), e.getMessage());
        inner.close();
        outer.close();
        outer.close();   // closing twice is harmless
    }
}
