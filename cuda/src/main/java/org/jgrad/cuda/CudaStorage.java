package org.jgrad.cuda;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import jcuda.driver.CUdeviceptr;
import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/**
 * A storage in device memory: a block of the {@link CachingAllocator}. Released either explicitly
 * ({@link CudaBackend#release}, a closing {@link org.jgrad.core.backend.MemoryScope}) or, as a safety net, by a
 * {@link Cleaner} once the storage is unreachable; whichever comes first gives the block back, once.
 */
final class CudaStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    /** What the cleaner needs, without a reference back to the storage. */
    private static final class Block implements Runnable {
        final DevicePointer pointer;
        final long bytes;
        final CachingAllocator allocator;
        final AtomicBoolean released = new AtomicBoolean();

        Block(DevicePointer pointer, long bytes, CachingAllocator allocator) {
            this.pointer = pointer;
            this.bytes = bytes;
            this.allocator = allocator;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                allocator.give(pointer, bytes);
            }
        }
    }

    private final DType dtype;
    private final int size;
    private final CudaBackend backend;
    private final Block block;
    private final Cleaner.Cleanable cleanable;

    CudaStorage(DType dtype, int size, CudaBackend backend, CachingAllocator allocator) {
        this.dtype = dtype;
        this.size = size;
        this.backend = backend;
        long bytes = Math.max(1L, (long) size * dtype.byteSize());
        this.block = new Block(allocator.take(bytes), bytes, allocator);
        this.cleanable = CLEANER.register(this, block);
    }

    static CudaStorage of(Storage s) {
        if (s instanceof CudaStorage c) {
            return c;
        }
        throw new IllegalArgumentException("cuda: a storage of backend '" + s.backend().name() + "' was passed to the"
                + " cuda backend; move the tensor first (NDArray.to(backend))");
    }

    /** The device pointer; fails if the storage was released. */
    CUdeviceptr pointer() {
        if (block.released.get()) {
            throw new IllegalStateException("cuda: a " + dtype + " storage of " + size + " elements was used after it"
                    + " was released (a MemoryScope closed, or NDArray.release); keep it (MemoryScope.keep) if you"
                    + " need it later");
        }
        return block.pointer;
    }

    /** The device address; fails if the storage was released. */
    long address() {
        return ((DevicePointer) pointer()).address();
    }

    long bytes() {
        return block.bytes;
    }

    /** Gives the block back now (idempotent). */
    void release() {
        cleanable.clean();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public String toString() {
        return "CudaStorage[" + dtype + " x " + size + "]";
    }
}
