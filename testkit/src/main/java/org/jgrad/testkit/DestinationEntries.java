package org.jgrad.testkit;

import static org.jgrad.core.DType.F32;
import static org.jgrad.core.DType.F64;
import static org.jgrad.core.DType.I32;
import static org.jgrad.core.DType.I64;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * Entries of the forms that write into an existing array: the in-place ops ({@code add_}, {@code copy_},
 * ...) and the {@code out} forms of {@code unary} and {@code binary}. Each is the twin of an allocating entry
 * (same samples, tolerance and host reference, see {@link CoreOp#twin}), so every generic property checks
 * that writing into a destination computes exactly what the allocating op does.
 *
 * <p>Destinations are laid out in reverse memory order ({@link #reversedZeros}): for rank 2 and up they are
 * not contiguous, so the kernels' strided-destination paths run, not only the dense one.
 */
final class DestinationEntries {
    private DestinationEntries() {
    }

    private static final Set<DType> FLOATS = EnumSet.of(F32, F64);
    private static final Set<DType> NUMBERS = EnumSet.of(F32, F64, I32, I64);

    static List<CoreOp> all(List<CoreOp> base) {
        List<CoreOp> out = new ArrayList<>();
        out.add(inPlace(base, "add", "add_(NDArray)", NUMBERS, NDArray::add_));
        out.add(inPlace(base, "sub", "sub_(NDArray)", NUMBERS, NDArray::sub_));
        out.add(inPlace(base, "mul", "mul_(NDArray)", NUMBERS, NDArray::mul_));
        // div_ keeps the dtype, so only floating arrays can divide in place (integers would need a float result).
        out.add(inPlace(base, "div", "div_(NDArray)", FLOATS, NDArray::div_));
        out.add(scalarInPlace(base, "add.scalar", "add_(double)", NDArray::add_));
        out.add(scalarInPlace(base, "sub.scalar", "sub_(double)", NDArray::sub_));
        out.add(scalarInPlace(base, "mul.scalar", "mul_(double)", NDArray::mul_));
        out.add(scalarInPlace(base, "div.scalar", "div_(double)", NDArray::div_));
        out.add(twin(base, "exp", "exp.out", "unary(UnaryOp,NDArray)", FLOATS,
                c -> c.in(0).unary(UnaryOp.EXP, reversedZeros(c, c.in(0).shape(), c.in(0).dtype()))));
        out.add(twin(base, "neg", "neg.out", "unary(UnaryOp,NDArray)", NUMBERS,
                c -> c.in(0).unary(UnaryOp.NEG, reversedZeros(c, c.in(0).shape(), c.in(0).dtype()))));
        out.add(twin(base, "pow", "pow.out", "binary(BinaryOp,NDArray,NDArray)", FLOATS,
                c -> c.in(0).binary(BinaryOp.POW, c.in(1), reversedZeros(c, broadcast(c), c.in(0).dtype()))));
        out.add(twin(base, "lt", "lt.out", "binary(BinaryOp,NDArray,NDArray)", NUMBERS,
                c -> c.in(0).binary(BinaryOp.CMPLT, c.in(1), reversedZeros(c, broadcast(c), DType.BOOL))));
        out.add(twin(base, "mul.scalar", "mul.scalar.out", "binary(BinaryOp,double,NDArray)", FLOATS,
                c -> c.in(0).binary(BinaryOp.MUL, c.text("literal").equals("long") ? (long) c.number("scalar") : c.number("scalar"),
                        reversedZeros(c, c.in(0).shape(), c.in(0).dtype()))));
        out.add(twin(base, "copy", "copy_", "copy_(NDArray)", NUMBERS,
                c -> reversedZeros(c, c.in(0).shape(), c.in(0).dtype()).copy_(c.in(0))));
        return out;
    }

    /** {@code dest = in0 broadcast; dest.op_(in1)}, dest in reverse layout: the twin of a binary entry. */
    private static CoreOp inPlace(List<CoreOp> base, String of, String covers, Set<DType> dtypes,
            BiFunction<NDArray, NDArray, NDArray> op) {
        return twin(base, of, of + "_", covers, dtypes, c -> {
            NDArray dest = reversedZeros(c, broadcast(c), c.in(0).dtype()).copy_(c.in(0));
            return op.apply(dest, c.in(1));
        });
    }

    /** {@code dest = copy of in0; dest.op_(s)}: the twin of a scalar entry, for floating arrays. */
    private static CoreOp scalarInPlace(List<CoreOp> base, String of, String covers,
            BiFunction<NDArray, Double, NDArray> op) {
        String name = of.replace(".scalar", "_.scalar");
        return twin(base, of, name, covers, FLOATS, c -> {
            NDArray dest = reversedZeros(c, c.in(0).shape(), c.in(0).dtype()).copy_(c.in(0));
            // A "long" literal sample means the twin passed (long) s; the in-place form takes that value as a double.
            double s = c.number("scalar");
            return op.apply(dest, c.text("literal").equals("long") ? (double) (long) s : s);
        });
    }

    private static CoreOp twin(List<CoreOp> base, String of, String name, String covers, Set<DType> dtypes,
            Function<CallContext, NDArray> call) {
        CoreOp twin = base.stream().filter(o -> o.name().equals(of)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no entry '" + of + "' to twin"));
        Set<DType> types = EnumSet.copyOf(dtypes);
        types.retainAll(twin.dtypes());
        return twin.twin(name, List.of(covers), types, OpCall.single(call));
    }

    private static Shape broadcast(CallContext c) {
        return c.in(0).add(c.in(1).to(c.in(0).dtype())).shape();
    }

    /**
     * Zeros of {@code shape} whose memory runs in reverse dimension order (a transposed layout), on the run's
     * backend: a destination the kernels cannot treat as one dense run.
     */
    static NDArray reversedZeros(CallContext c, Shape shape, DType dtype) {
        int rank = shape.rank();
        int[] reversed = new int[rank];
        int[] order = new int[rank];
        for (int d = 0; d < rank; d++) {
            reversed[d] = shape.dim(rank - 1 - d);
            order[d] = rank - 1 - d;
        }
        return NDArray.on(c.backend()).zeros(dtype, reversed).permute(order);
    }
}
