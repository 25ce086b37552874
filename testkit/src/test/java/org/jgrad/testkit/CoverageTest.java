package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;
import org.junit.jupiter.api.Test;

/** The op list is complete: every public op has an entry, and every public method is classified. */
class CoverageTest {

    @Test
    void everyPublicOpHasAnEntry() {
        assertEquals(List.of(), Coverage.missingEntries(CoreOps.all()),
                "public ops without an op entry (add a CoreOp that covers them)");
    }

    @Test
    void everyPublicMethodIsEitherAnOpOrListedAsNotAnOp() {
        assertEquals(Set.of(), Coverage.unclassified(),
                "public NDArray/Creation methods in neither Coverage.REQUIRED nor Coverage.NOT_OPS");
    }

    @Test
    void noListOrEntryNamesAMethodThatDoesNotExist() {
        assertEquals(Set.of(), Coverage.stale(CoreOps.all()), "signatures that the API no longer has");
    }

    @Test
    void everyPrimitiveIsReachedThroughACoveredOp() {
        List<String> covered = CoreOps.all().stream().flatMap(o -> o.covers().stream()).toList();
        for (Enum<?>[] values : List.<Enum<?>[]>of(UnaryOp.values(), BinaryOp.values(), ReduceOp.values())) {
            for (Enum<?> p : values) {
                String via = Coverage.PRIMITIVES.get(p);
                assertTrue(via != null, "primitive " + p + " has no public method in Coverage.PRIMITIVES");
                assertTrue(covered.contains(via), "primitive " + p + " is reached by " + via + ", which has no entry");
            }
        }
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
