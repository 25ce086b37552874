package org.jgrad.core.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;

/**
 * A CPU backend's cache of released arrays, by dtype and exact length: a training step allocates the same
 * sizes every time, so after the first step {@link #take} finds each one it needs and the step stops
 * allocating (and zeroing) fresh arrays, which otherwise costs gigabytes per second of allocation and GC.
 *
 * <p>Bounded: it keeps at most {@code maxBytes} (property {@value #MAX_MB_PROPERTY}, in MiB, default 512;
 * 0 turns caching off) and lets the garbage collector have what does not fit. Arrays handed out are not
 * cleared: {@link Backend#empty} promises unspecified contents. Thread-safe.
 *
 * <pre>{@code
 * StoragePool pool = new StoragePool(64L << 20);
 * CpuStorage s = pool.take(DType.F32, 1024, backend);   // new or reused
 * pool.give(s);                                        // s is dead now; its array may be handed out again
 * }</pre>
 */
public final class StoragePool {
    /** System property: the most memory, in MiB, that released arrays may keep. */
    public static final String MAX_MB_PROPERTY = "jgrad.pool.mb";

    private record Key(DType dtype, int size) {
    }

    private final long maxBytes;
    private final Map<Key, ArrayDeque<Object>> free = new HashMap<>();
    private long bytes;
    private long reused;
    private long created;

    /** A pool that keeps at most {@code maxBytes} of released arrays. */
    public StoragePool(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A pool sized by {@value #MAX_MB_PROPERTY} (default 512 MiB). */
    public static StoragePool fromProperties() {
        long mb = Long.getLong(MAX_MB_PROPERTY, 512);
        return new StoragePool(Math.max(0, mb) << 20);
    }

    /** A storage of {@code size} elements with unspecified contents: a released array if one fits exactly. */
    public CpuStorage take(DType dtype, int size, Backend backend) {
        return take(dtype, size, backend, false);
    }

    /**
     * A storage of {@code size} zeros: a released array cleared, or a new one (which the JVM has zeroed). Where a
     * step makes the same zero-filled tensors every time (the gradient buffers of slices), this ends their
     * allocation and garbage collection as {@link #take} does for the others.
     */
    public CpuStorage takeZeroed(DType dtype, int size, Backend backend) {
        return take(dtype, size, backend, true);
    }

    private CpuStorage take(DType dtype, int size, Backend backend, boolean zeroed) {
        Object a = null;
        if (size > 0) {
            synchronized (this) {
                ArrayDeque<Object> q = free.get(new Key(dtype, size));
                a = q == null ? null : q.pollLast();
                if (a != null) {
                    bytes -= bytesOf(dtype, size);
                    reused++;
                } else {
                    created++;
                }
            }
        }
        if (a == null) {
            return CpuStorage.allocate(dtype, size, backend);
        }
        if (zeroed) {
            clear(a);   // outside the lock: the array is ours alone now
        }
        return CpuStorage.ofPooled(dtype, a, size, backend);
    }

    private static void clear(Object array) {
        switch (array) {
            case float[] a -> java.util.Arrays.fill(a, 0f);
            case double[] a -> java.util.Arrays.fill(a, 0d);
            case int[] a -> java.util.Arrays.fill(a, 0);
            case long[] a -> java.util.Arrays.fill(a, 0L);
            case boolean[] a -> java.util.Arrays.fill(a, false);
            default -> throw new IllegalStateException("StoragePool: cannot clear a " + array.getClass());
        }
    }

    /** Kills {@code s} (later use fails clearly) and keeps its array for reuse if there is room. */
    public void give(CpuStorage s) {
        Object a = s.detachArray();
        if (a == null || s.size() == 0) {
            return;
        }
        long b = bytesOf(s.dtype(), s.size());
        synchronized (this) {
            if (bytes + b > maxBytes) {
                return;
            }
            free.computeIfAbsent(new Key(s.dtype(), s.size()), k -> new ArrayDeque<>()).addLast(a);
            bytes += b;
        }
    }

    /** Bytes held by released arrays now. */
    public synchronized long heldBytes() {
        return bytes;
    }

    /** How many {@link #take} calls were served from the pool, and how many made a new array, so far. */
    public synchronized long[] counts() {
        return new long[] {reused, created};
    }

    /** Drops every cached array. */
    public synchronized void clear() {
        free.clear();
        bytes = 0;
    }

    private static long bytesOf(DType dtype, int size) {
        return (long) size * switch (dtype) {
            case F32, I32 -> 4;
            case F64, I64 -> 8;
            case BOOL -> 1;
        };
    }
}
