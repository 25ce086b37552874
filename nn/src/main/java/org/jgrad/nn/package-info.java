/**
 * Learning on top of autograd: {@link org.jgrad.nn.Module} and the layers built from it, losses,
 * initialisers ({@code init}), optimizers and schedules ({@code optim}), data loading ({@code data}) and
 * safetensors checkpoints ({@code io}). Names and numbers follow PyTorch's {@code torch.nn}.
 */
package org.jgrad.nn;
