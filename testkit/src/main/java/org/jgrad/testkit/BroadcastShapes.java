package org.jgrad.testkit;

import java.util.List;
import org.jgrad.core.Shape;

/**
 * Shapes of several operands that broadcast together, and the shape they broadcast to (NumPy rules: align
 * from the right; each dim pair equal or one of them 1).
 *
 * <pre>{@code
 * BroadcastShapes p = BroadcastShapes.of(Shape.of(3, 1), Shape.of(4));
 * p.out();   // [3, 4]
 * }</pre>
 *
 * @param inputs the operands' shapes
 * @param out    their broadcast shape
 */
public record BroadcastShapes(List<Shape> inputs, Shape out) {

    public BroadcastShapes {
        inputs = List.copyOf(inputs);
    }

    /** The operands' shapes with their broadcast shape computed here (independently of core). */
    public static BroadcastShapes of(Shape... inputs) {
        return new BroadcastShapes(List.of(inputs), broadcast(List.of(inputs)));
    }

    /** The operands' shapes with their broadcast shape computed here. */
    public static BroadcastShapes of(java.util.List<Shape> inputs) {
        return new BroadcastShapes(inputs, broadcast(inputs));
    }

    /** Operand {@code i}'s shape. */
    public Shape input(int i) {
        return inputs.get(i);
    }

    /** The NumPy broadcast of {@code shapes}; throws when they are not compatible. */
    public static Shape broadcast(List<Shape> shapes) {
        int rank = shapes.stream().mapToInt(Shape::rank).max().orElse(0);
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        for (Shape s : shapes) {
            for (int i = 0; i < s.rank(); i++) {
                int d = s.dim(i);
                int at = rank - s.rank() + i;
                if (d != 1) {
                    if (out[at] != 1 && out[at] != d) {
                        throw new IllegalArgumentException("shapes " + shapes + " do not broadcast");
                    }
                    out[at] = d;
                }
            }
        }
        return Shape.of(out);
    }

    @Override
    public String toString() {
        return inputs + " -> " + out;
    }
}
