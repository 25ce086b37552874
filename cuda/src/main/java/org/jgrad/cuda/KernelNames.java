package org.jgrad.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.core.DType;
import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.ReduceOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The names of our kernels ({@code <kernel>_<dtype>}, as the macros in {@code jgrad_kernels.cu} make them), in
 * one place for the backend that launches them and the test that checks the committed PTX has each one.
 */
final class KernelNames {
    private KernelNames() {
    }

    /** The kernels' name for a dtype. */
    static String suffix(DType dtype) {
        return switch (dtype) {
            case F32 -> "f32";
            case F64 -> "f64";
            case I32 -> "i32";
            case I64 -> "i64";
            case BOOL -> "u8";
        };
    }

    static String unary(UnaryOp op, DType dtype) {
        return "unary_" + op.name().toLowerCase(Locale.ROOT) + "_" + suffix(dtype);
    }

    static String binary(BinaryOp op, DType dtype, boolean scalar) {
        String name = switch (op) {
            case ADD -> "add";
            case SUB -> "sub";
            case MUL -> "mul";
            case DIV -> "div";
            case MAX -> "max";
            case MIN -> "min";
            case POW -> "pow";
            case CMPLT -> "lt";
            case CMPEQ -> "eq";
        };
        return (scalar ? "binary_scalar_" : "binary_") + name + "_" + suffix(dtype);
    }

    static String copy(DType from, DType to) {
        return "copy_" + suffix(from) + "_" + suffix(to);
    }

    static String fill(DType dtype) {
        return "fill_" + suffix(dtype);
    }

    static String where(DType dtype) {
        return "where_" + suffix(dtype);
    }

    /** SUM or MAX over rows. */
    static String reduce(ReduceOp op, DType dtype) {
        return (op == ReduceOp.ARGMAX ? "argmax_" : "reduce_" + op.name().toLowerCase(Locale.ROOT) + "_")
                + suffix(dtype);
    }

    static String gemm(DType dtype) {
        return "gemm_" + suffix(dtype);
    }

    /** The large-tile float32 product. */
    static String gemm128() {
        return "gemm128_f32";
    }

    /** The warp-tiled, double-buffered large-tile float32 product. */
    static String gemmWarp128() {
        return "gemm_wt128_f32";
    }

    /** Softmax or log-softmax over the rows of a dense matrix (FusedKernels). */
    static String softmaxRows(DType dtype) {
        return "softmax_rows_" + suffix(dtype);
    }

    /** LayerNorm (no affine part) over the rows of a dense matrix (FusedKernels). */
    static String layerNormRows(DType dtype) {
        return "layer_norm_rows_" + suffix(dtype);
    }

    /** The fused float32 Adam/AdamW update (OptimizerKernels). */
    static String adam() {
        return "adam_f32";
    }

    /** The fused float32 SGD update (OptimizerKernels). */
    static String sgd() {
        return "sgd_f32";
    }

    static String gather(DType dtype) {
        return "gather_" + suffix(dtype);
    }

    static String indexSelect(DType dtype) {
        return "index_select_" + suffix(dtype);
    }

    static String scatterAdd(DType dtype) {
        return "scatter_add_" + suffix(dtype);
    }

    /** Every kernel the backend may launch, for each dtype the front end can send it. */
    static List<String> all() {
        List<String> names = new ArrayList<>();
        DType[] numeric = {DType.F32, DType.F64, DType.I32, DType.I64};
        for (DType t : DType.values()) {
            for (UnaryOp op : UnaryOp.values()) {
                if (t == DType.BOOL ? op == UnaryOp.NOT : (t.isFloating() || !op.needsFloat())) {
                    names.add(unary(op, t));
                }
            }
            for (BinaryOp op : BinaryOp.values()) {
                names.add(binary(op, t, false));
                names.add(binary(op, t, true));
            }
            for (DType to : DType.values()) {
                names.add(copy(t, to));
            }
            names.add(fill(t));
            names.add(where(t));
            names.add(gather(t));
            names.add(indexSelect(t));
            names.add(reduce(ReduceOp.MAX, t));
        }
        for (DType t : numeric) {
            names.add(reduce(ReduceOp.SUM, t));
            names.add(reduce(ReduceOp.ARGMAX, t));
            names.add(scatterAdd(t));
        }
        names.add(gemm(DType.F32));
        names.add(gemm(DType.F64));
        names.add(gemm128());
        names.add(gemmWarp128());
        names.add(adam());
        names.add(sgd());
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            names.add(softmaxRows(t));
            names.add(layerNormRows(t));
        }
        return names;
    }
}
