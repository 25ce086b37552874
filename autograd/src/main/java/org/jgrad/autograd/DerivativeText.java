package org.jgrad.autograd;

import org.jgrad.core.ops.BinaryOp;
import org.jgrad.core.ops.UnaryOp;

/**
 * The local derivative of each primitive, written the way a textbook writes it (for {@link BackwardTrace}).
 * One exhaustive switch per op family: a new primitive does not compile until it has its text.
 */
final class DerivativeText {
    private DerivativeText() {
    }

    static String of(Node node) {
        return switch (node.prim) {
            case UNARY -> unary(node.params.unaryOp());
            case BINARY -> binary(node.params.binaryOp());
            case WHERE -> "d where(c, a, b)/da = c, /db = not c";
            case SUM -> "d(sum x)/dx = 1: the gradient is copied back over the summed dims";
            case AMAX -> "d(max x)/dx = 1 at the maximum (shared equally among ties), 0 elsewhere";
            case SOFTMAX -> "y = softmax(x): dx = y * (g - sum(g * y))";
            case LOG_SOFTMAX -> "y = log softmax(x): dx = g - softmax(x) * sum(g)";
            case LAYER_NORM -> "y = (x - mean) / std: dx = (g - mean(g) - y * mean(g * y)) / std";
            case MATMUL -> "d(A @ B)/dA = G @ B^T, d(A @ B)/dB = A^T @ G";
            case GATHER -> "gather: the gradient is scatter-added back to the gathered positions";
            case SCATTER_ADD -> "scatterAdd: dst gets g, src gets g gathered at the index";
            case INDEX_SELECT -> "indexSelect: the gradient is index-added back to the selected rows";
            case RESHAPE -> "reshape: g reshaped back to the input's shape";
            case PERMUTE -> "permute: g permuted back (the inverse permutation)";
            case EXPAND -> "expand: g summed over the expanded dims";
            case SLICE -> "slice: g placed into zeros of the input's shape";
            case FLIP -> "flip: g flipped back";
            case SLICE_EMBED -> "embed (the adjoint of slice): g sliced";
            case CONCAT -> "concat: g split back into the inputs' parts";
            case CAST -> "cast: g cast back to the input's dtype";
            case COPY -> "copy: g passes through";
        };
    }

    private static String unary(UnaryOp op) {
        return switch (op) {
            case NEG -> "d(-x)/dx = -1";
            case ABS -> "d|x|/dx = sign(x)";
            case EXP -> "d(exp x)/dx = exp x";
            case LOG -> "d(log x)/dx = 1/x";
            case SIN -> "d(sin x)/dx = cos x";
            case COS -> "d(cos x)/dx = -sin x";
            case SQRT -> "d(sqrt x)/dx = 1 / (2 sqrt x)";
            case RECIP -> "d(1/x)/dx = -1/x^2";
            case ERF -> "d(erf x)/dx = 2/sqrt(pi) exp(-x^2)";
            case SIGMOID -> "d(sigmoid x)/dx = sigmoid(x) (1 - sigmoid(x))";
            case TANH -> "d(tanh x)/dx = 1 - tanh^2 x";
            case NOT -> "logical not: no gradient";
        };
    }

    private static String binary(BinaryOp op) {
        return switch (op) {
            case ADD -> "d(a+b)/da = 1, d(a+b)/db = 1";
            case SUB -> "d(a-b)/da = 1, d(a-b)/db = -1";
            case MUL -> "d(a*b)/da = b, d(a*b)/db = a";
            case DIV -> "d(a/b)/da = 1/b, d(a/b)/db = -a/b^2";
            case MAX -> "d max(a,b)/da = 1 where a > b, d/db = 1 where b > a (half each where equal)";
            case MIN -> "d min(a,b)/da = 1 where a < b, d/db = 1 where b < a (half each where equal)";
            case POW -> "d(a^b)/da = b a^(b-1), d(a^b)/db = a^b log a";
            case CMPLT, CMPEQ -> "comparison: no gradient";
        };
    }
}
