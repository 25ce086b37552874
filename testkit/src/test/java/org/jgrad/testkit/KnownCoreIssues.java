package org.jgrad.testkit;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * Core behaviours that differ from PyTorch, reported to core's owner and not yet fixed. The properties skip
 * exactly the cases an issue describes (nothing else), and {@link KnownCoreIssuesTest} checks that each
 * issue still reproduces: once core is fixed, that test fails and names the entry to delete here.
 */
final class KnownCoreIssues {
    private KnownCoreIssues() {
    }

    /**
     * One known issue.
     *
     * @param description what is wrong and what PyTorch does
     * @param affects     the generated cases it affects
     * @param reproducer  a minimal case that shows it
     */
    record Issue(String description, Predicate<OpCase> affects, OpCase reproducer) {
    }

    static final List<Issue> ISSUES = List.of(
            new Issue("argmax raises on any input without elements, even when no reduced dim is empty;"
                    + " PyTorch: torch.empty(0, 3).argmax(1) is an empty int64 tensor of shape [0]"
                    + " (core Reductions.argmax: the x.numel() == 0 check)",
                    c -> c.op().name().equals("argmax") && !c.sample().text("form").equals("all")
                            && c.sample().operand(0).data().numel() == 0,
                    new OpCase(CoreOps.get("argmax"), SampleInput.of(Operand.data(TensorData.of(Shape.of(0, 3))))
                            .with("form", "dim").with("dim", 1).with("keepdim", false), DType.F32)),
            new Issue("linspace(start, end, 1) returns [end]; PyTorch returns [start]"
                    + " (core Creation.linspace: with steps == 1 the single value takes the 'from the end' branch)",
                    c -> c.op().name().equals("linspace") && c.sample().integer("steps") == 1,
                    new OpCase(CoreOps.get("linspace"), SampleInput.of().with("start", 2.0).with("end", 5.0)
                            .with("steps", 1), DType.F64)),
            new Issue("gather, scatterAdd and indexSelect crash with ArrayIndexOutOfBoundsException on a 0-d input;"
                    + " PyTorch accepts dim 0 / -1 there: torch.tensor(5.).gather(0, torch.tensor(0)) is tensor(5.)"
                    + " (reference kernels index pos[dim] / outDims[dim] of a rank-0 shape)",
                    c -> Set.of("gather", "scatterAdd", "indexSelect").contains(c.op().name())
                            && c.sample().operand(0).data().shape().rank() == 0,
                    new OpCase(CoreOps.get("gather"), SampleInput.of(Operand.data(TensorData.of(Shape.scalar(), 5)),
                            Operand.index(TensorData.of(Shape.scalar(), 0))).with("dim", 0), DType.F32)));

    /** True when a known issue affects this case. */
    static boolean affects(OpCase c) {
        return ISSUES.stream().anyMatch(i -> i.affects().test(c));
    }
}
