package org.jgrad.nn.io;

import java.util.Arrays;
import org.jgrad.core.DType;

/**
 * One tensor as the header describes it. {@code begin} and {@code end} are byte offsets into the data
 * section (after the header); {@code numel} is the element count, or -1 when the shape's product does
 * not fit in a long (such a tensor can never match its offsets).
 */
record HeaderEntry(String name, DType dtype, int[] shape, long begin, long end, long numel) {

    /** Bytes the shape and dtype call for, or -1 when that does not fit in a long. */
    long neededBytes() {
        if (numel < 0 || numel > Long.MAX_VALUE / dtype.byteSize()) {
            return -1;
        }
        return numel * dtype.byteSize();
    }

    String offsets() {
        return "[" + begin + ", " + end + "]";
    }

    String describe() {
        return SafetensorsDtypes.nameOf(dtype) + " " + Arrays.toString(shape);
    }
}
