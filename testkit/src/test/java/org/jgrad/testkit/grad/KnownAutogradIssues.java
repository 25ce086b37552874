package org.jgrad.testkit.grad;

import static org.jgrad.testkit.grad.GradOps.f64;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backends;
import org.jgrad.testkit.Operand;

/**
 * Problems the database found outside testkit's reach (in Tensor.java or core, which this suite does not
 * edit), reported to their owner. The properties skip exactly the cases an issue describes, and
 * {@link KnownAutogradIssuesTest} checks that each still reproduces: once fixed, that test fails and names
 * the entry to delete here.
 */
final class KnownAutogradIssues {
    private KnownAutogradIssues() {
    }

    /** Where an issue shows. */
    enum Check { GRADCHECK, GRADGRADCHECK, FLOAT32, FORWARD, ERRORS }

    /**
     * One known issue.
     *
     * @param description what is wrong and what PyTorch does
     * @param ops         the entries it affects
     * @param checks      the properties it affects
     * @param affects     the cases it affects (of those entries and properties)
     * @param reproduces  true while the issue is still there
     */
    record Issue(String description, Set<String> ops, Set<Check> checks, Predicate<GradCase> affects,
            BooleanSupplier reproduces) {
    }

    static final List<Issue> ISSUES = List.of(
            new Issue("Tensor.mul_/div_: the node records `this` as its saved input and inPlace() then overwrites it,"
                    + " so backward to the other operand fails ('modified by an in-place operation: the input 0 of"
                    + " MUL'). PyTorch saves the original self for mul_/div_ when the other operand requires grad,"
                    + " and a.clone().mul_(b).sum().backward() works.",
                    Set.of("mul_", "div_"), Set.of(Check.GRADCHECK, Check.GRADGRADCHECK, Check.FLOAT32), c -> true,
                    () -> raises(() -> {
                        Tensor a = f64(2);
                        a.copy().mul_(f64(2)).sum().backward();
                    })),
            new Issue("core simd matmul: [2, 0] @ (a transposed [2, 0] view) crashes with"
                    + " ArrayIndexOutOfBoundsException in StridedMatrix.dense (K = 0 with a strided empty operand);"
                    + " the reference backend returns zeros [2, 2], as PyTorch does. Reached by the backward of any"
                    + " matrix product with an empty operand.",
                    Set.of("matmul", "matmulBatched", "linear", "scaledDotProductAttention"), Set.of(Check.FLOAT32),
                    c -> c.sample().operands().stream().anyMatch(o -> o.role() == Operand.Role.DATA
                            && o.data().numel() == 0),
                    () -> raises(() -> {
                        var simd = NDArray.on(Backends.get("simd"));
                        simd.zeros(DType.F32, 2, 0).matmul(simd.zeros(DType.F32, 2, 0).transpose(0, 1));
                    })),
            new Issue("Tensor.amax reports its errors as core's NDArray.max does ('max: cannot reduce over dim 1 of"
                    + " size 0', 'max: dimension -3 is out of range'); PyTorch names amax ('amax(): Expected reduction"
                    + " dim 1 to have non-zero size').", Set.of("amax"), Set.of(Check.ERRORS), c -> true,
                    () -> {
                        try {
                            f64(2, 0).amax(new int[] {1}, false);
                            return false;
                        } catch (RuntimeException e) {
                            return !e.getMessage().contains("amax");
                        }
                    }),
            new Issue("Tensor.zero_ delegates to fill_, so its errors say 'fill_: ...' (e.g. on a leaf that requires"
                    + " grad); PyTorch names zero_.", Set.of("zero_"), Set.of(Check.ERRORS), c -> true,
                    () -> {
                        try {
                            f64(2).zero_();
                            return false;
                        } catch (RuntimeException e) {
                            return !e.getMessage().contains("zero_");
                        }
                    }));

    /** True when a known issue affects {@code c} under {@code check}. */
    static boolean affects(GradCase c, Check check) {
        return ISSUES.stream().anyMatch(i -> i.ops().contains(c.op().name()) && i.checks().contains(check)
                && i.affects().test(c));
    }

    /** True when a known issue affects the error cases of {@code op}. */
    static boolean affectsErrors(GradOp op) {
        return ISSUES.stream().anyMatch(i -> i.ops().contains(op.name()) && i.checks().contains(Check.ERRORS));
    }

    private static boolean raises(Runnable r) {
        try {
            r.run();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
