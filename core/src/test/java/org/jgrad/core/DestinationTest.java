package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.ops.BinaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules for writing into an existing array (SPI v2 destinations), on both CPU backends: aliasing that a
 * kernel must not see goes through a temporary, bad destinations are refused naming the op and shapes, and
 * released storage is reused and cannot be used again. The values themselves are checked by the testkit's
 * op database (DestinationEntries), against the allocating ops.
 */
class DestinationTest {

    private static NDArray sample(Backend b) {
        return NDArray.on(b).of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void inPlaceWithAnOverlappingViewReadsTheOldValues(String name) {
        Backend b = Backends.get(name);
        NDArray a = sample(b);
        NDArray expected = a.add(a.flip(0, 1));
        a.add_(a.flip(0, 1));     // every element reads a partner that is also being written
        assertArrayEquals(expected.toFloatArray(), a.toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void inPlaceOnATransposedViewWritesThroughIt(String name) {
        Backend b = Backends.get(name);
        NDArray a = sample(b);
        NDArray t = a.transpose(0, 1);
        NDArray expected = t.mul(2.0);
        assertSame(t, t.mul_(2.0));
        assertArrayEquals(expected.toFloatArray(), t.toFloatArray());
        assertArrayEquals(expected.transpose(0, 1).toFloatArray(), a.toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void outMayHaveAnotherDtypeItCanHold(String name) {
        Backend b = Backends.get(name);
        NDArray a = sample(b);
        NDArray out = NDArray.on(b).zeros(DType.F64, 2, 3);
        a.binary(BinaryOp.MUL, a, out);
        assertArrayEquals(a.mul(a).to(DType.F64).toDoubleArray(), out.toDoubleArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void badDestinationsAreRefusedAndLeftUnchanged(String name) {
        Backend b = Backends.get(name);
        NDArray row = NDArray.on(b).of(new float[] {1, 2, 3});
        NDArray full = sample(b);
        var grow = assertThrows(IllegalArgumentException.class, () -> row.add_(full));
        assertTrue(grow.getMessage().contains("add_") && grow.getMessage().contains("[3]")
                && grow.getMessage().contains("[2, 3]"), grow.getMessage());
        NDArray ints = NDArray.on(b).zeros(DType.I32, 3);
        var cast = assertThrows(IllegalArgumentException.class, () -> row.binary(BinaryOp.DIV, row, ints));
        assertTrue(cast.getMessage().contains("F32") && cast.getMessage().contains("I32"), cast.getMessage());
        NDArray expanded = row.expand(2, 3);
        var shared = assertThrows(IllegalArgumentException.class, () -> full.binary(BinaryOp.ADD, full, expanded));
        assertTrue(shared.getMessage().contains("expanded"), shared.getMessage());
        assertArrayEquals(new float[] {1, 2, 3}, row.toFloatArray());
        assertArrayEquals(new long[] {0, 0, 0}, ints.toLongArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "simd"})
    void releasedStorageIsReusedAndCannotBeUsedAgain(String name) {
        ReferenceBackend b = (ReferenceBackend) Backends.get(name);
        NDArray a = sample(b).exp();
        long reusedBefore = b.pool().counts()[0];
        NDArray x = sample(b);
        a.release();
        a.release();      // twice is harmless: the array goes back once
        NDArray c = x.exp();    // same size and dtype: served from the pool
        assertEquals(reusedBefore + 1, b.pool().counts()[0]);
        assertArrayEquals(sample(b).exp().toFloatArray(), c.toFloatArray());
        var used = assertThrows(IllegalStateException.class, () -> a.add(1.0));
        assertTrue(used.getMessage().contains("released"), used.getMessage());
    }
}
