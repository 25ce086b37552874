package org.jgrad.core.cpu;

import java.util.function.Consumer;
import org.jgrad.core.View;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/**
 * Lets a kernel that writes its result densely from element 0 (a reduction, a matrix product) serve a
 * destination view of any layout: when the destination is exactly that, the kernel writes into it directly;
 * otherwise into a pooled temporary that is then copied into the view and released.
 *
 * <pre>{@code
 * DenseTarget.write(backend, out, vout, dense -> kernel(x, dense));
 * }</pre>
 */
public final class DenseTarget {
    private DenseTarget() {
    }

    /** True when {@code v} covers its storage's first {@code numel} elements in row-major order. */
    public static boolean isDenseFromZero(View v) {
        return v.offset() == 0 && v.isContiguous();
    }

    /** Runs {@code kernel} on a dense target for {@code vout} and makes sure its result lands in {@code out}. */
    public static void write(Backend backend, Storage out, View vout, Consumer<CpuStorage> kernel) {
        if (isDenseFromZero(vout)) {
            kernel.accept(CpuStorage.of(out));
            return;
        }
        CpuStorage tmp = CpuStorage.of(backend.empty(out.dtype(), vout.numel()));
        kernel.accept(tmp);
        backend.copyInto(out, vout, tmp, View.contiguous(vout.shape()));
        backend.release(tmp);
    }
}
