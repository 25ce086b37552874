package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;

/**
 * Device memory with a cache, as PyTorch's CUDA allocator: a block given back is kept in a free list by its
 * rounded size and handed out again, so a training loop stops calling {@code cuMemAlloc} (which synchronises
 * the device) after its first step. All work runs on one stream in order, so a block given back while a
 * kernel that uses it is still queued can be reused at once: the next user's kernels run after it.
 *
 * <p>When {@code cuMemAlloc} fails, the cache is emptied and the allocation tried again; when that fails too, the
 * garbage collector is asked to run the {@link java.lang.ref.Cleaner}s of unreachable storages once more.
 * Thread-safe.
 */
final class CachingAllocator {
    /** Blocks are multiples of this (cudaMalloc's alignment); sizes above 1 MiB round to 1 MiB multiples. */
    private static final long SMALL = 512;
    private static final long LARGE = 1 << 20;

    private final Map<Long, ArrayDeque<DevicePointer>> free = new HashMap<>();
    private long bytesInUse;
    private long bytesCached;
    private long allocations;

    /** The size a request of {@code bytes} is served with. */
    static long rounded(long bytes) {
        long unit = bytes > LARGE ? LARGE : SMALL;
        return Math.max(unit, (bytes + unit - 1) / unit * unit);
    }

    /** A block of at least {@code bytes} (contents unspecified). */
    synchronized DevicePointer take(long bytes) {
        long size = rounded(bytes);
        ArrayDeque<DevicePointer> list = free.get(size);
        if (list != null && !list.isEmpty()) {
            bytesCached -= size;
            bytesInUse += size;
            return list.pop();
        }
        DevicePointer p = new DevicePointer();
        try {
            cuMemAlloc(p, size);
        } catch (CudaException first) {
            emptyCache();
            try {
                cuMemAlloc(p, size);
            } catch (CudaException second) {
                throw new OutOfMemoryError("cuda: cannot allocate " + size + " bytes (" + bytesInUse + " bytes in"
                        + " use by live tensors; " + second.getMessage() + "): release tensors you no longer need"
                        + " (MemoryScope, NDArray.release) or use smaller batches");
            }
        }
        allocations++;
        bytesInUse += size;
        return p;
    }

    /** Gives a block of {@code bytes} (as asked for in {@link #take}) back to the cache. */
    synchronized void give(DevicePointer p, long bytes) {
        long size = rounded(bytes);
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(p);
        bytesInUse -= size;
        bytesCached += size;
    }

    /** Frees every cached block back to the driver. */
    synchronized void emptyCache() {
        for (ArrayDeque<DevicePointer> list : free.values()) {
            for (DevicePointer p : list) {
                int r = cuMemFree(p);
                if (r != CUresult.CUDA_SUCCESS) {
                    throw new IllegalStateException("cuda: cuMemFree failed: " + CUresult.stringFor(r));
                }
            }
        }
        free.clear();
        bytesCached = 0;
    }

    /** Bytes held by live storages. */
    synchronized long bytesInUse() {
        return bytesInUse;
    }

    /** Bytes kept in the cache for reuse. */
    synchronized long bytesCached() {
        return bytesCached;
    }

    /** How many times {@code cuMemAlloc} was called. */
    synchronized long allocations() {
        return allocations;
    }
}
