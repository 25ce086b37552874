package org.jgrad.nn.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jgrad.core.Shape;

/**
 * Checks that the header's tensors tile the data section exactly, as the reference reader requires:
 * each tensor's byte range matches its shape and dtype, and sorted by offset the ranges start at 0, touch
 * without holes or overlaps, and end exactly at the end of the file. This runs before any tensor is
 * allocated, so every allocation afterwards is bounded by the real file size.
 */
final class HeaderLayout {
    private HeaderLayout() {
    }

    static void check(List<HeaderEntry> entries, long dataLength, String source) throws CheckpointFormatException {
        for (HeaderEntry e : entries) {
            checkOne(e, dataLength, source);
        }
        List<HeaderEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(HeaderEntry::begin).thenComparingLong(HeaderEntry::end));
        long covered = 0;
        HeaderEntry previous = null;
        for (HeaderEntry e : byOffset) {
            if (e.begin() > covered) {
                String gap = "bytes [" + covered + ", " + e.begin() + ") of the data belong to no tensor";
                throw new CheckpointFormatException(source, previous == null
                        ? gap + ": the first tensor " + CheckpointFormatException.quote(e.name()) + " has data_offsets " + e.offsets()
                        : gap + ": tensor " + CheckpointFormatException.quote(previous.name()) + " has data_offsets " + previous.offsets()
                                + " and the next one, " + CheckpointFormatException.quote(e.name()) + ", has " + e.offsets());
            }
            if (e.begin() < covered) {
                throw new CheckpointFormatException(source, "tensor " + CheckpointFormatException.quote(e.name()) + " with data_offsets "
                        + e.offsets() + " overlaps tensor " + CheckpointFormatException.quote(previous.name()) + " with data_offsets "
                        + previous.offsets());
            }
            covered = e.end();
            previous = e;
        }
        if (covered != dataLength) {
            throw new CheckpointFormatException(source, "the tensors cover " + covered
                    + " bytes of data but the file has " + dataLength + " bytes after the header ("
                    + (dataLength - covered) + " trailing bytes belong to no tensor)");
        }
    }

    private static void checkOne(HeaderEntry e, long dataLength, String source) throws CheckpointFormatException {
        String what = "tensor " + CheckpointFormatException.quote(e.name()) + ": ";
        if (e.end() < e.begin()) {
            throw new CheckpointFormatException(source, what + "data_offsets " + e.offsets() + " end before they begin");
        }
        if (e.end() > dataLength) {
            throw new CheckpointFormatException(source, what + "data_offsets " + e.offsets()
                    + " run past the end of the data, which has " + dataLength + " bytes");
        }
        long needed = e.neededBytes();
        long given = e.end() - e.begin();
        if (needed != given) {
            throw new CheckpointFormatException(source, what + "data_offsets " + e.offsets() + " give " + given
                    + " bytes but " + e.describe() + " needs "
                    + (needed < 0 ? "more than " + Long.MAX_VALUE : Long.toString(needed)));
        }
        if (e.numel() > Shape.MAX_NUMEL) {
            throw new CheckpointFormatException(source, what + e.describe() + " has " + e.numel()
                    + " elements, more than the " + Shape.MAX_NUMEL + " a jgrad tensor can hold");
        }
    }
}
