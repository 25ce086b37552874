package org.jgrad.testkit;

import org.jgrad.core.DType;

/**
 * One generated test case of the op list: an entry, a sample of it, and the dtype data operands take.
 *
 * @param op       the entry
 * @param sample   the sample
 * @param dataType the data dtype of the tested run
 */
public record OpCase(CoreOp op, SampleInput sample, DType dataType) {
    @Override
    public String toString() {
        return op.name() + " [" + dataType + "] " + sample;
    }
}
