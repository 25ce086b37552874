package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deferred error checks' bookkeeping, on an int array standing in for the device's slots (no GPU needed). */
class ErrorSlotsTest {
    /** Device memory as an array; a "kernel" writes a slot as record_error does (smallest position wins). */
    private static final class ArrayMemory implements ErrorSlots.Memory {
        final int[] slots;
        int reads;
        int clears;

        ArrayMemory(int capacity) {
            slots = new int[2 * capacity];
        }

        void kernelRecords(int slot, int position, int code) {
            if (position < slots[2 * slot]) {
                slots[2 * slot] = position;
                slots[2 * slot + 1] = code;
            }
        }

        @Override
        public void read(int[] into, int count) {
            reads++;
            System.arraycopy(slots, 0, into, 0, 2 * count);
        }

        @Override
        public void clear(int count) {
            clears++;
            for (int i = 0; i < count; i++) {
                slots[2 * i] = ErrorSlots.NONE;
                slots[2 * i + 1] = 0;
            }
        }
    }

    @Test
    void nothingPendingReadsNothing() {
        ArrayMemory memory = new ArrayMemory(4);
        ErrorSlots<String> slots = new ErrorSlots<>(4, memory);
        assertTrue(slots.drain().isEmpty());
        assertEquals(0, memory.reads);
    }

    @Test
    void theEarliestFailedLaunchIsReportedNotTheLowestPosition() {
        ArrayMemory memory = new ArrayMemory(8);
        ErrorSlots<String> slots = new ErrorSlots<>(8, memory);
        int a = slots.reserve("gather", "a");
        int b = slots.reserve("indexSelect", "b");
        int c = slots.reserve("scatterAdd", "c");
        assertEquals(List.of(0, 1, 2), List.of(a, b, c));
        memory.kernelRecords(c, 1, 1);
        memory.kernelRecords(b, 9, 1);
        memory.kernelRecords(b, 4, 1);
        var failure = slots.drain().orElseThrow();
        assertEquals(new ErrorSlots.Failure<>("indexSelect", "b", 4, 1), failure);
        assertFalse(slots.hasPending());
        // Read once for all three launches; the failed slots are reset for the next round.
        assertEquals(1, memory.reads);
        assertEquals(ErrorSlots.NONE, memory.slots[2 * b]);
        assertEquals(ErrorSlots.NONE, memory.slots[2 * c]);
    }

    @Test
    void slotsAreReusedAfterADrainAndOnlyTheNewLaunchesCount() {
        ArrayMemory memory = new ArrayMemory(2);
        ErrorSlots<String> slots = new ErrorSlots<>(2, memory);
        slots.reserve("gather", "first");
        slots.reserve("gather", "second");
        assertTrue(slots.full());
        assertThrows(IllegalStateException.class, () -> slots.reserve("gather", "third"));
        assertTrue(slots.drain().isEmpty());
        int again = slots.reserve("div", null);
        assertEquals(0, again);
        memory.kernelRecords(again, 3, 2);
        assertEquals(new ErrorSlots.Failure<>("div", null, 3, 2), slots.drain().orElseThrow());
        assertFalse(slots.anyPending(s -> true));
    }

    @Test
    void pendingSourcesCanBeAskedFor() {
        ErrorSlots<String> slots = new ErrorSlots<>(3, new ArrayMemory(3));
        slots.reserve("gather", "x");
        slots.reserve("div", null);
        slots.reserve("gather", "y");
        assertTrue(slots.anyPending("y"::equals));
        assertTrue(slots.anyPending(java.util.Objects::isNull));
        assertFalse(slots.anyPending("z"::equals));
        slots.drain();
        assertFalse(slots.anyPending("x"::equals));
    }

    @Test
    void aRingNeedsASlot() {
        assertThrows(IllegalArgumentException.class, () -> new ErrorSlots<String>(0, new ArrayMemory(1)));
    }
}
