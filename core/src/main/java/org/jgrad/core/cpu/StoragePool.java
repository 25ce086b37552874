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
        if (size > 0) {
            synchronized (this) {
                ArrayDeque<Object> q = free.get(new Key(dtype, size));
                Object a = q == null ? null : q.pollLast();
                if (a != null) {
                    bytes -= bytesOf(dtype, size);
                    reused++;
                    return CpuStorage.ofPooled(dtype, a, size, backend);
                }
                created++;
            }
        }
        return CpuStorage.allocate(dtype, size, backend);
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
