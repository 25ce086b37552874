package org.jgrad.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * What a {@link Tolerance} may look at: the op, the sample, and the reference run's inputs and outputs.
 * Bounds are computed from these with ordinary NDArray ops on the reference backend.
 *
 * @param op                 the op being checked
 * @param sample             the sample it ran on
 * @param referenceInputs    the reference run's inputs
 * @param referenceOutputs   the reference run's outputs
 * @param referenceBackend   the reference backend
 * @param referenceDataType  the dtype of data operands in the reference run
 */
public record ToleranceContext(CoreOp op, SampleInput sample, List<NDArray> referenceInputs,
        List<NDArray> referenceOutputs, Backend referenceBackend, DType referenceDataType) {

    /** Reference input {@code i} converted to F64. */
    public NDArray input(int i) {
        return referenceInputs.get(i).to(DType.F64);
    }

    /** Reference output {@code i} converted to F64. */
    public NDArray output(int i) {
        return referenceOutputs.get(i).to(DType.F64);
    }

    /**
     * The op run on the reference backend with every data operand replaced by its absolute value in F64: for
     * a sum this is {@code sum |x_i|}, for a matrix product {@code |A| |B|}, the magnitudes rounding-error
     * bounds of accumulations are stated in.
     */
    public List<NDArray> outputsOnAbsoluteValues() {
        List<NDArray> abs = new ArrayList<>();
        for (int i = 0; i < referenceInputs.size(); i++) {
            NDArray x = referenceInputs.get(i);
            boolean data = sample.operand(i).role() == Operand.Role.DATA;
            abs.add(data ? x.to(DType.F64).abs() : x);
        }
        return op.call().apply(new CallContext(abs, sample, referenceBackend, DType.F64));
    }
}
