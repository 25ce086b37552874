package org.jgrad.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgrad.core.View;
import org.jgrad.core.backend.Storage;
import org.jgrad.core.cpu.reference.ReferenceBackend;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The reference backend, noting which primitive ops ({@link UnaryOp}, {@link BinaryOp}, {@link ReduceOp}) it
 * is asked to run: how {@link Coverage#reachedPrimitives} finds the primitives that no op entry reaches,
 * without a hand-kept list.
 *
 * <pre>{@code
 * RecordingBackend rec = new RecordingBackend();
 * NDArray.on(rec).of(new float[] {1, 2}).exp();
 * rec.seen();   // [EXP]
 * }</pre>
 */
public final class RecordingBackend extends ReferenceBackend {
    private final Set<Enum<?>> seen = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "recording";
    }

    /** The ops run so far. */
    public Set<Enum<?>> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void unary(UnaryOp op, Storage x, View vx, Storage out, View vout) {
        seen.add(op);
        super.unary(op, x, vx, out, vout);
    }

    @Override
    public void binary(BinaryOp op, Storage a, View va, Storage b, View vb, Storage out, View vout) {
        seen.add(op);
        super.binary(op, a, va, b, vb, out, vout);
    }

    @Override
    public void binaryScalar(BinaryOp op, Storage a, View va, double s, Storage out, View vout) {
        seen.add(op);
        super.binaryScalar(op, a, va, s, out, vout);
    }

    @Override
    public void reduce(ReduceOp op, Storage x, View vx, int[] axes, Storage out, View vout) {
        seen.add(op);
        super.reduce(op, x, vx, axes, out, vout);
    }
}
