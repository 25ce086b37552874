/**
 * Losses as modules ({@link org.jgrad.nn.loss.Loss}), as PyTorch's {@code nn.*Loss}, each with a
 * {@link org.jgrad.autograd.ops.Reduction} (MEAN by default) over the functional forms of
 * {@link org.jgrad.autograd.ops.LossOps}.
 */
package org.jgrad.nn.loss;
