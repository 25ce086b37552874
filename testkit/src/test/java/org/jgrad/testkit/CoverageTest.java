package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;
import net.jqwik.api.Example;
import org.junit.jupiter.api.Test;

/** The op list is complete: every public op has an entry, and every public method is classified. */
class CoverageTest {

    @Test
    void everyPublicOpHasAnEntry() {
        assertEquals(List.of(), Coverage.missingEntries(CoreOps.all()),
                "public ops without an op entry (add a CoreOp that covers them)");
    }

    @Test
    void requiredOpsAreFoundByReflection() {
        assertTrue(Coverage.REQUIRED.contains("exp()") && Coverage.REQUIRED.contains("add_(NDArray)"),
                "public ops missing from REQUIRED: " + Coverage.REQUIRED);
        assertTrue(!Coverage.REQUIRED.contains("shape()"), "metadata listed in NOT_OPS is not required");
    }

    @Test
    void noListOrEntryNamesAMethodThatDoesNotExist() {
        assertEquals(Set.of(), Coverage.stale(CoreOps.all()), "signatures that the API no longer has");
    }

    @Example   // jqwik draws the samples, so this runs on a jqwik thread
    void everyPrimitiveIsRunBySomeEntry() {
        Set<Enum<?>> missing = new java.util.LinkedHashSet<>(Coverage.primitives());
        missing.removeAll(Coverage.reachedPrimitives(CoreOps.all(), 3));
        assertEquals(Set.of(), missing, "primitive ops (UnaryOp, BinaryOp, ReduceOp) that no CoreOps entry runs");
    }

    @Example
    void theReachedPrimitivesCheckSeesOnlyWhatEntriesRun() {
        List<CoreOp> onlyExp = CoreOps.all().stream().filter(o -> o.covers().equals(List.of("exp()"))).toList();
        assertEquals(1, onlyExp.size(), "one entry covering exactly exp()");
        Set<Enum<?>> seen = Coverage.reachedPrimitives(onlyExp, 3);
        assertTrue(seen.contains(UnaryOp.EXP) && !seen.contains(UnaryOp.ERF) && !seen.contains(ReduceOp.ARGMAX),
                seen.toString());
    }

    @Test
    void theCoverageCheckNoticesAMissingEntry() {
        List<CoreOp> withoutExp = CoreOps.all().stream().filter(o -> !o.name().equals("exp")).toList();
        assertEquals(List.of("exp()"), Coverage.missingEntries(withoutExp));
    }

    @Test
    void everyEntryIsWellFormed() {
        for (CoreOp op : CoreOps.all()) {
            assertTrue(!op.covers().isEmpty(), op + " covers nothing");
            assertTrue(!op.dtypes().isEmpty(), op + " accepts no dtype");
            assertTrue(op.covers().stream().allMatch(Coverage.REQUIRED::contains),
                    op + " claims a signature outside Coverage.REQUIRED: " + op.covers());
        }
    }
}
