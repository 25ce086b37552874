package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import org.junit.jupiter.api.Test;

/** The autograd op database is complete: every public differentiable Tensor method has an entry. */
class GradCoverageTest {

    @Test
    void everyPublicTensorMethodHasAnEntryOrIsListedAsNotDifferentiable() {
        assertEquals(Set.of(), GradCoverage.missing(GradOps.all()),
                "public Tensor methods (incl. op-interface defaults) without a GradOp entry; add an entry to GradOps,"
                        + " or list the method in GradCoverage.NOT_DIFFERENTIABLE with the reason");
    }

    @Test
    void noEntryOrListNamesAMethodThatDoesNotExist() {
        assertEquals(Set.of(), GradCoverage.stale(GradOps.all()), "signatures Tensor no longer has");
    }

    @Test
    void noMethodIsBothCoveredAndListedAsNotDifferentiable() {
        assertEquals(Set.of(), GradCoverage.contradictions(GradOps.all()));
    }

    @Example   // jqwik draws the samples, so this runs on a jqwik thread
    void everyPrimitiveAndElementwiseOpIsRecordedBySomeEntry() {
        Set<String> missing = new java.util.TreeSet<>(GradCoverage.differentiableOps());
        missing.removeAll(GradCoverage.recordedOps(GradOps.all(), 3));
        assertEquals(Set.of(), missing, "primitives (Prim, or UnaryOp/BinaryOp of an elementwise node) that no"
                + " GradOps entry records: add an entry whose graph holds them");
    }

    @Example
    void theRecordedOpsCheckSeesOnlyWhatEntriesRecord() {
        List<GradOp> onlyExp = GradOps.all().stream().filter(o -> o.covers().equals(List.of("exp()"))).toList();
        assertEquals(1, onlyExp.size(), "one entry covering exactly exp()");
        Set<String> seen = GradCoverage.recordedOps(onlyExp, 3);
        assertTrue(seen.contains("EXP") && !seen.contains("ERF") && !seen.contains("MATMUL"), seen.toString());
    }

    @Test
    void theCoverageCheckNoticesAMissingEntry() {
        List<GradOp> withoutSoftmax = GradOps.all().stream().filter(o -> !o.name().equals("softmax")).toList();
        assertEquals(Set.of("softmax(int)"), GradCoverage.missing(withoutSoftmax));
    }

    @Test
    void inheritedDefaultMethodsAndStaticsAreSeen() {
        Set<String> api = GradCoverage.publicApi();
        for (String s : List.of("softmax(int)", "crossEntropy(Tensor,int,double)", "where(Tensor,Tensor,Tensor)",
                "concat(int,Tensor[])", "exp()", "transpose(int,int)")) {
            assertTrue(api.contains(s), s + " not in " + api);
        }
    }
}
