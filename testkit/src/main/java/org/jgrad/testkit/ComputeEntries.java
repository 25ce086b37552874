package org.jgrad.testkit;

import static org.jgrad.core.DType.BOOL;
import static org.jgrad.core.DType.F32;
import static org.jgrad.core.DType.F64;
import static org.jgrad.core.DType.I32;
import static org.jgrad.core.DType.I64;

import java.util.List;

/** Op entries of reductions, the matrix product and the indexing ops. */
final class ComputeEntries {
    private ComputeEntries() {
    }

    static List<CoreOp> all() {
        return List.of(
                CoreOp.builder("sum", OpKind.REDUCTION).covers("sum()", "sum(int[],boolean)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.GENERAL)
                        .samples(ReductionSamples.reduction(false, "all", "axes"))
                        .call(OpCall.single(c -> c.text("form").equals("all") ? c.in(0).sum()
                                : c.in(0).sum(c.ints("axes"), c.flag("keepdim"))))
                        .tolerance(Tolerance.accumulated(1, "elements per output", Tolerance::reducedCount))
                        .reference(HostReductions.reference(HostReductions.Kind.SUM)).build(),
                CoreOp.builder("max", OpKind.REDUCTION).covers("max()", "max(int[],boolean)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.TIES)
                        .samples(ReductionSamples.reduction(true, "all", "axes"))
                        .call(OpCall.single(c -> c.text("form").equals("all") ? c.in(0).max()
                                : c.in(0).max(c.ints("axes"), c.flag("keepdim"))))
                        .reference(HostReductions.reference(HostReductions.Kind.MAX)).build(),
                CoreOp.builder("argmax", OpKind.REDUCTION)
                        .covers("argmax()", "argmax(int,boolean)", "argmax(int[],boolean)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.TIES)
                        .samples(ReductionSamples.reduction(true, "all", "dim", "axes"))
                        .call(OpCall.single(c -> switch (c.text("form")) {
                            case "all" -> c.in(0).argmax();
                            case "dim" -> c.in(0).argmax(c.integer("dim"), c.flag("keepdim"));
                            default -> c.in(0).argmax(c.ints("axes"), c.flag("keepdim"));
                        }))
                        .reference(HostReductions.reference(HostReductions.Kind.ARGMAX)).build(),
                // Fused kernels on simd (last dim, dense), the composite elsewhere: both against one reference.
                // exp's few ulps grow with |x - max| as exp's do; the normalising sum adds n roundings.
                softmax("softmax", false), softmax("logSoftmax", true),
                CoreOp.builder("matmul", OpKind.MATMUL).covers("matmul(NDArray)").dtypes(F32, F64)
                        .domains(Domains.GENERAL, Domains.GENERAL).samples(MatmulSamples.matmul())
                        .call(OpCall.single(c -> c.in(0).matmul(c.in(1))))
                        .tolerance(Tolerance.accumulated(1, "K, the inner dim",
                                c -> c.referenceInputs().get(0).size(-1)))
                        .reference(HostIndexing.matmul()).build(),
                CoreOp.builder("gather", OpKind.INDEXING).covers("gather(int,NDArray)").dtypes(F32, F64, I32, I64, BOOL)
                        .domains(Domains.GENERAL_SPECIALS).samples(IndexingSamples.gather())
                        .call(OpCall.single(c -> c.in(0).gather(c.integer("dim"), c.in(1))))
                        .reference(HostIndexing.gather()).build(),
                CoreOp.builder("scatterAdd", OpKind.INDEXING).covers("scatterAdd(int,NDArray,NDArray)")
                        .dtypes(F32, F64, I32, I64).domains(Domains.GENERAL, Domains.GENERAL)
                        .samples(IndexingSamples.scatterAdd())
                        .call(OpCall.single(c -> c.in(0).scatterAdd(c.integer("dim"), c.in(1), c.in(2))))
                        .tolerance(Tolerance.accumulated(1, "index size along dim + 1", c -> {
                            var idx = c.referenceInputs().get(1);
                            return idx.rank() == 0 ? 2 : idx.size(c.sample().integer("dim")) + 1;
                        }))
                        .reference(HostIndexing.scatterAdd()).build(),
                CoreOp.builder("indexSelect", OpKind.INDEXING).covers("indexSelect(int,NDArray)")
                        .dtypes(F32, F64, I32, I64, BOOL).domains(Domains.GENERAL_SPECIALS)
                        .samples(IndexingSamples.indexSelect())
                        .call(OpCall.single(c -> c.in(0).indexSelect(c.integer("dim"), c.in(1))))
                        .reference(HostIndexing.indexSelect()).build());
    }

    /** max |x| over the whole input (0 for an empty one), as a rank-0 array. */
    private static org.jgrad.core.NDArray maxAbs(ToleranceContext c) {
        org.jgrad.core.NDArray x = c.input(0);
        return x.numel() == 0 ? x.sum() : x.abs().max();
    }

    private static CoreOp softmax(String name, boolean log) {
        return CoreOp.builder(name, OpKind.UNARY).covers(name + "(int)").dtypes(F32, F64).domains(Domains.GENERAL)
                .samples(org.jgrad.testkit.grad.GradSamples.unaryWithDim())
                .call(OpCall.single(c -> log ? c.in(0).logSoftmax(c.integer("dim")) : c.in(0).softmax(c.integer("dim"))))
                .tolerance(log
                        // log-softmax can be ~0 where one term dominates: its error is absolute, u (|x - max| + log z)
                        ? Tolerance.ulpsPlusAbsolute(8, "1 + |x| + max|x|: the shift and the log-sum",
                                c -> c.input(0).abs().add(maxAbs(c)).add(1.0))
                        // exp(x - max) errs relatively by about u |x - max|, and the sum inherits the worst term
                        : Tolerance.conditioned(8, "|x| + max|x|: exp of the shifted input",
                                c -> c.input(0).abs().add(maxAbs(c))))
                .reference(HostSoftmax.reference(log)).build();
    }
}
