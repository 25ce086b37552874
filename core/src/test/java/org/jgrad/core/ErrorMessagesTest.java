package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One test per kind of bad input: each error must name the op, the shapes involved and what was expected,
 * and must leave the operands unchanged.
 */
class ErrorMessagesTest {
    private final Creation on = NDArray.on(Backends.get("reference"));
    private final NDArray a23 = on.arange(0, 6, 1, DType.F32).reshape(2, 3);
    private final NDArray b4 = on.ones(DType.F32, 4);

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void mismatchedShapesNameOpShapesAndRule() {
        assertMessage(IllegalArgumentException.class, () -> a23.add(b4),
                "add", "[2, 3]", "[4]", "not broadcastable", "expected equal sizes or one of them 1");
        assertMessage(IllegalArgumentException.class, () -> a23.matmul(a23),
                "matmul", "[2, 3]", "cannot be multiplied", "(3)", "(2)");
        assertMessage(IllegalArgumentException.class, () -> NDArray.concat(0, a23, b4.reshape(2, 2)),
                "concat", "[2, 2]", "[2, 3]", "except in dim 0");
        assertMessage(IllegalArgumentException.class, () -> a23.expand(4, 3),
                "expand", "[2, 3]", "[4, 3]", "expected 1 or 4");
    }

    @Test
    void badAxesNameOpRankAndValidRange() {
        assertMessage(IllegalArgumentException.class, () -> a23.sum(new int[] {2}, false),
                "sum", "dimension 2", "rank 2", "[-2, 1]");
        assertMessage(IllegalArgumentException.class, () -> a23.sum(new int[] {1, -1}, false),
                "sum", "appears twice", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> a23.permute(0, 0),
                "permute", "repeats", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> a23.transpose(0, -3),
                "transpose", "-3", "[-2, 1]");
    }

    @Test
    void outOfRangeIndicesNameOpIndexAndSize() {
        NDArray index = on.of(new long[][] {{0, 3}, {1, 2}});
        assertMessage(IndexOutOfBoundsException.class, () -> a23.gather(1, index),
                "gather", "index 3", "size 3", "[2, 3]", "[0, 2]");
        assertMessage(IndexOutOfBoundsException.class, () -> a23.indexSelect(0, on.of(new long[] {-1})),
                "indexSelect", "index -1", "size 2", "[0, 1]");
        assertMessage(IndexOutOfBoundsException.class, () -> a23.narrow(1, 2, 2),
                "narrow", "start 2", "length 2", "[2, 3]");
        assertMessage(IndexOutOfBoundsException.class, () -> a23.select(0, 5),
                "select", "index 5", "size 2");
    }

    @Test
    void impossibleReshapesNameBothShapes() {
        assertMessage(IllegalArgumentException.class, () -> a23.reshape(4, 2),
                "reshape", "[2, 3]", "6 elements", "[4, 2]", "8 elements");
        assertMessage(IllegalArgumentException.class, () -> a23.reshape(-1, 4),
                "reshape", "[-1, 4]", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> a23.transpose(0, 1).viewAs(6),
                "view", "[3, 2]", "without a copy", "reshape");
    }

    @Test
    void dtypeMismatchesNameOpAndDtypes() {
        NDArray ints = on.of(new int[] {1, 2, 3});
        NDArray bools = on.of(new boolean[] {true, false, true});
        assertMessage(IllegalArgumentException.class, () -> ints.matmul(ints),
                "matmul", "expected floating", "I32", "F32 or F64");
        assertMessage(IllegalArgumentException.class, () -> NDArray.where(ints, ints, ints),
                "where", "bool", "I32", "[3]");
        assertMessage(IllegalArgumentException.class, () -> a23.gather(1, a23),
                "gather", "integer tensor", "F32", "[2, 3]");
        assertMessage(IllegalArgumentException.class, () -> bools.exp(),
                "exp", "bool", "[3]");
        assertMessage(IllegalArgumentException.class, () -> on.rand(new Generator(1), DType.I32, 2),
                "uniform", "floating", "I32");
    }

    @Test
    void oversizedTensorsAreRejectedNotOverflowed() {
        assertMessage(IllegalArgumentException.class, () -> Shape.of(65536, 65536),
                "[65536, 65536]", "more than", "elements");
        assertMessage(IllegalArgumentException.class, () -> Shape.of(3, -1),
                "size -1", "dim 1", ">= 0");
    }

    @Test
    void mixingBackendsIsAnErrorThatSaysHowToFixIt() {
        var other = new org.jgrad.core.cpu.reference.ReferenceBackend();
        NDArray elsewhere = NDArray.on(other).ones(DType.F32, 2, 3);
        assertMessage(IllegalArgumentException.class, () -> a23.add(elsewhere),
                "add", "different backends", "to(backend)");
    }

    @Test
    void aFailedOpLeavesItsOperandsUnchanged() {
        double[] before = a23.toDoubleArray();
        assertThrows(IllegalArgumentException.class, () -> a23.add(b4));
        assertThrows(IndexOutOfBoundsException.class, () -> a23.scatterAdd(0, on.of(new long[][] {{2, 0, 0}}), a23));
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(a23.toDoubleArray()));
    }
}
