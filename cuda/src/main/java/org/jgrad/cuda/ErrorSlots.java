package org.jgrad.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bookkeeping behind deferred error checks: a ring of error slots in device memory, one per launch that can
 * fail on bad data (an index out of range, an integer division by zero), each remembered with what the error
 * message will need. Launches write their slot without the host waiting; the host reads every used slot in one
 * copy when it waits anyway (a value is read back), and reports the first failure in launch order.
 *
 * <p>Pure bookkeeping: {@link Memory} moves the slots (the device's copies in {@link DeviceErrors}, an array in
 * tests).
 *
 * <pre>{@code
 * ErrorSlots<String> slots = new ErrorSlots<>(64, memory);
 * int slot = slots.reserve("gather", "index tensor");   // pass the slot's address to the kernel
 * slots.drain().ifPresent(f -> { throw ... f.op() ... });
 * }</pre>
 *
 * @param <S> what a failure message needs to know about a launch's operands
 */
final class ErrorSlots<S> {
    /** The position a slot holds when nothing failed (kernels keep the smallest failing position). */
    static final int NONE = Integer.MAX_VALUE;

    /** Where the slots live: two ints each, the smallest failing position and an error code. */
    interface Memory {
        /** Copies slots {@code [0, count)} into {@code into[0 .. 2 * count)}. */
        void read(int[] into, int count);

        /** Resets slots {@code [0, count)} to {@link #NONE}. */
        void clear(int count);
    }

    /** A launch that recorded an error: its op, what it was given, and what the kernel wrote. */
    record Failure<S>(String op, S source, int position, int code) {
    }

    private record Pending<S>(String op, S source) {
    }

    private final int capacity;
    private final Memory memory;
    private final List<Pending<S>> pending = new ArrayList<>();

    ErrorSlots(int capacity, Memory memory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("ErrorSlots: capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.memory = memory;
        memory.clear(capacity);
    }

    int capacity() {
        return capacity;
    }

    /** True when every slot is taken: {@link #drain} before the next {@link #reserve}. */
    boolean full() {
        return pending.size() == capacity;
    }

    /** True when some launch's slot has not been read yet. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** True when a pending launch's source satisfies {@code test} (no allocation: releases ask this often). */
    boolean anyPending(Predicate<S> test) {
        for (Pending<S> p : pending) {
            if (test.test(p.source())) {
                return true;
            }
        }
        return false;
    }

    /** Takes the next slot for a launch of {@code op}; returns its number. */
    int reserve(String op, S source) {
        if (full()) {
            throw new IllegalStateException("ErrorSlots: all " + capacity + " slots are pending; drain first");
        }
        pending.add(new Pending<>(op, source));
        return pending.size() - 1;
    }

    /**
     * Reads every pending slot, resets them and forgets the launches; returns the earliest launch (in the order
     * of {@link #reserve}) that recorded an error.
     */
    Optional<Failure<S>> drain() {
        int used = pending.size();
        if (used == 0) {
            return Optional.empty();
        }
        int[] slots = new int[2 * used];
        memory.read(slots, used);
        Failure<S> first = null;
        for (int i = 0; i < used && first == null; i++) {
            if (slots[2 * i] != NONE) {
                Pending<S> p = pending.get(i);
                first = new Failure<>(p.op(), p.source(), slots[2 * i], slots[2 * i + 1]);
            }
        }
        if (first != null) {
            memory.clear(used);
        }
        pending.clear();
        return Optional.ofNullable(first);
    }
}
