package org.jgrad.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.IndexRange;

/**
 * Errors kernels find in their data ({@code record_error} in the kernels: an index out of range, an integer
 * division by zero), reported without making the host wait. Each launch that can fail writes its own slot of
 * an {@link ErrorSlots} ring; the host reads the used slots when it waits anyway (a value is read back,
 * {@link CudaBackend#synchronize}) or when the ring is full, and throws for the earliest failed launch the same
 * exception the CPU backends throw at the call. So a bad index surfaces at the next read, as a device-side
 * error does in PyTorch.
 *
 * <p>The message names the bad index value, so an index storage stays alive until its launch's slot is read:
 * releasing it before then hands it to this class, which releases it after the read. The ring is the
 * backend's, as the stream is: with several threads, the read that reports an error may be another thread's.
 */
final class DeviceErrors {
    private static final int SLOTS = 1024;
    private static final int INDEX = 1;
    private static final int DIV_ZERO = 2;
    private static final int NEG_POW = 3;

    /** Where the index values of a launch live, to name the bad one. */
    record IndexSource(CudaStorage index, int dim, Shape input) {
    }

    private final CudaDevice device;
    private final DevicePointer ring;
    private final ErrorSlots<IndexSource> slots;
    private final List<CudaStorage> releaseAfterRead = new ArrayList<>();

    DeviceErrors(CudaDevice device, CachingAllocator allocator) {
        this.device = device;
        // One slot more than the ring: the one launches that cannot fail get, never read.
        this.ring = allocator.take(8L * (SLOTS + 1));
        this.slots = new ErrorSlots<>(SLOTS, new ErrorSlots.Memory() {
            @Override
            public void read(int[] into, int count) {
                device.makeCurrent();
                cuMemcpyDtoH(Pointer.to(into), ring, 8L * count);
            }

            @Override
            public void clear(int count) {
                device.makeCurrent();
                cuMemsetD32(ring, ErrorSlots.NONE, 2L * count);
            }
        });
    }

    /** The error slot for a launch of {@code op} that can fail; {@code source} is null unless it reads indices. */
    synchronized long slotFor(String op, IndexSource source) {
        if (slots.full()) {
            check();
        }
        return ring.address() + 8L * slots.reserve(op, source);
    }

    /** A slot for launches whose kernel takes an error buffer but cannot fail (float arithmetic). */
    long unchecked() {
        return ring.address() + 8L * SLOTS;
    }

    /**
     * Releases {@code storage} now, or after the pending slots are read if a pending launch reads its indices
     * (the error message may need them).
     */
    synchronized void release(CudaStorage storage) {
        if (slots.anyPending(s -> s != null && s.index() == storage)) {
            releaseAfterRead.add(storage);
        } else {
            storage.release();
        }
    }

    /** Waits for the queued kernels and throws what the earliest failed launch since the last check recorded. */
    synchronized void check() {
        try {
            slots.drain().ifPresent(f -> {
                throw failure(f);
            });
        } finally {
            releaseAfterRead.forEach(CudaStorage::release);
            releaseAfterRead.clear();
        }
    }

    private RuntimeException failure(ErrorSlots.Failure<IndexSource> f) {
        return switch (f.code()) {
            case INDEX -> {
                long[] k = new long[1];
                IndexSource source = f.source();
                cuMemcpyDtoH(Pointer.to(k), CudaBackend.at(source.index(), f.position()), 8);
                yield IndexRange.outOfRange(f.op(), k[0], source.dim(), source.input());
            }
            case DIV_ZERO -> new ArithmeticException(f.op() + ": integer division by zero");
            case NEG_POW -> new ArithmeticException(f.op() + ": integers to negative integer powers are not allowed"
                    + " (element " + f.position() + " has a negative exponent)");
            default -> new IllegalStateException("cuda: " + f.op() + " reported unknown error code " + f.code());
        };
    }
}
