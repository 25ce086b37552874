package org.jgrad.testkit.grad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;
import org.jgrad.testkit.Operand;
import org.jgrad.testkit.SampleInput;
import org.jgrad.testkit.TensorData;
import org.jgrad.testkit.ViewCase;
import org.jgrad.testkit.ViewRecipe;

/**
 * One generated test case of the autograd op database: an entry, a sample, and for each data operand the
 * layout it is given (null: a dense tensor; else a {@link ViewRecipe} that makes it a permuted, strided,
 * flipped or expanded view of a bigger base filled with NaN elsewhere).
 *
 * @param op      the entry
 * @param sample  the sample
 * @param layouts per operand, a view recipe or null
 */
public record GradCase(GradOp op, SampleInput sample, List<ViewRecipe> layouts) {

    public GradCase {
        layouts = Collections.unmodifiableList(new ArrayList<>(layouts));
    }

    /** A case with dense inputs only. */
    public static GradCase dense(GradOp op, SampleInput sample) {
        List<ViewRecipe> none = new ArrayList<>();
        sample.operands().forEach(o -> none.add(null));
        return new GradCase(op, sample, none);
    }

    /**
     * The inputs as tensors on {@code backend} (data operands in {@code dataType}, laid out as drawn; those
     * that are not {@linkplain GradOp#constants() constants} require grad when {@code requireGrad}), and the
     * sample with the values the views actually show (an expanded dim repeats its first entry).
     *
     * @param inputs the tensors
     * @param shown  the sample holding the values the inputs show
     */
    public record Inputs(List<Tensor> inputs, SampleInput shown) {
    }

    /** Materialises the inputs; see {@link Inputs}. */
    public Inputs materialize(Backend backend, DType dataType, boolean requireGrad) {
        List<Tensor> tensors = new ArrayList<>();
        List<Operand> shown = new ArrayList<>();
        for (int i = 0; i < sample.operands().size(); i++) {
            Operand o = sample.operand(i);
            ViewRecipe r = layouts.get(i);
            NDArray a;
            TensorData values = o.data();
            if (r != null && o.role() == Operand.Role.DATA) {
                ViewCase v = r.materialize(o.data(), backend, dataType);
                a = v.view();
                values = r.shownValues(o.data());
            } else {
                a = o.on(backend, dataType);
            }
            Tensor t = Tensor.of(a);
            if (requireGrad && o.role() == Operand.Role.DATA && !op.constants().contains(i) && a.dtype().isFloating()) {
                t.requiresGrad(true);
            }
            tensors.add(t);
            shown.add(new Operand(values, o.role()));
        }
        return new Inputs(tensors, sample.withOperands(shown));
    }

    /** The op called on {@code inputs} at {@code backend}/{@code dataType}. */
    public List<Tensor> call(List<Tensor> inputs, Backend backend, DType dataType) {
        return op.call().apply(new GradContext(inputs, sample, backend, dataType));
    }

    /** True when some operand is a non-contiguous view. */
    public boolean hasViews() {
        return layouts.stream().anyMatch(r -> r != null);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.name()).append(' ').append(sample);
        for (int i = 0; i < layouts.size(); i++) {
            if (layouts.get(i) != null) {
                sb.append("\n    operand ").append(i).append(" as ").append(layouts.get(i));
            }
        }
        return sb.toString();
    }
}
