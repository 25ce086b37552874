package org.jgrad.testkit.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
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
