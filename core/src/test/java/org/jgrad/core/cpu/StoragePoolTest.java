package org.jgrad.core.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.junit.jupiter.api.Test;

/** Released arrays come back for the same dtype and length; a zeroed take clears what the last user left. */
class StoragePoolTest {
    private static final Backend CPU = new ReferenceBackend();

    @Test
    void aZeroedTakeReusesTheArrayAndClearsIt() {
        StoragePool pool = new StoragePool(1 << 20);
        CpuStorage f = pool.takeZeroed(DType.F32, 5, CPU);
        float[] first = f.f32();
        java.util.Arrays.fill(first, 7f);
        pool.give(f);
        CpuStorage again = pool.takeZeroed(DType.F32, 5, CPU);
        assertEquals(1, pool.counts()[0], "served from the pool");
        assertArrayEquals(new float[5], again.f32(), "the 7s are gone");

        CpuStorage l = pool.takeZeroed(DType.I64, 3, CPU);
        l.i64()[1] = 42;
        pool.give(l);
        assertArrayEquals(new long[3], pool.takeZeroed(DType.I64, 3, CPU).i64());

        CpuStorage b = pool.takeZeroed(DType.BOOL, 4, CPU);
        b.bool()[2] = true;
        pool.give(b);
        assertArrayEquals(new boolean[4], pool.takeZeroed(DType.BOOL, 4, CPU).bool());
        assertEquals(3, pool.counts()[0]);
    }

    @Test
    void backendAllocateGivesZerosAfterAReleaseOfTheSameSize() {
        Storage s = CPU.allocate(DType.F64, 6);
        double[] d = CpuStorage.of(s).f64();
        java.util.Arrays.fill(d, -1.5);
        CPU.release(s);
        Storage t = CPU.allocate(DType.F64, 6);
        assertArrayEquals(new double[6], (double[]) CPU.toArray(t, View.contiguous(Shape.of(6))));
    }
}
