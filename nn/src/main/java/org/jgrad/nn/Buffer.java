package org.jgrad.nn;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code Tensor} field of a {@link Module} as a buffer: state that is saved and loaded with the
 * parameters but not trained (PyTorch's {@code register_buffer}), such as BatchNorm's running statistics.
 *
 * <pre>{@code
 * @Buffer Tensor runningMean = Tensor.zeros(DType.F32, features);   // state-dict key "running_mean"
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Buffer {
}
