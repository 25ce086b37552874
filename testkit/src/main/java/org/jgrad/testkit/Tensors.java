package org.jgrad.testkit;

import net.jqwik.api.Arbitrary;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.Backend;

/**
 * jqwik arbitraries of tensors. Values come from jqwik (through a {@link ValueDomain}), not from a seeded
 * random generator, so a failing tensor shrinks: towards a smaller shape first, then towards simpler values.
 *
 * <pre>{@code
 * Arbitrary<NDArray> xs = Tensors.tensors(Shapes.shapes(3, 24), ValueDomain.uniform(0.1, 5), DType.F32,
 *         Backends.get("reference"));
 * Arbitrary<TensorData> data = Tensors.data(Shapes.shapes(2, 12), ValueDomain.integers(-3, 3));
 * }</pre>
 */
public final class Tensors {
    private Tensors() {
    }

    /** Backend-free values: a shape from {@code shapes}, elements from {@code domain}. */
    public static Arbitrary<TensorData> data(Arbitrary<Shape> shapes, ValueDomain domain) {
        return shapes.flatMap(s -> data(s, domain));
    }

    /** Backend-free values of one fixed shape. */
    public static Arbitrary<TensorData> data(Shape shape, ValueDomain domain) {
        return domain.arrays(shape.numel()).map(v -> new TensorData(shape, v));
    }

    /** Contiguous tensors on {@code backend} in {@code dtype}. */
    public static Arbitrary<NDArray> tensors(Arbitrary<Shape> shapes, ValueDomain domain, DType dtype,
            Backend backend) {
        return data(shapes, domain).map(d -> d.on(backend, dtype));
    }
}
