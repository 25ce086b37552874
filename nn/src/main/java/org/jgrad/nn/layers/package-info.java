/**
 * Layers, as PyTorch's {@code torch.nn} modules: {@link org.jgrad.nn.layers.Linear}, the activations,
 * {@link org.jgrad.nn.layers.Dropout}, the normalisations, {@link org.jgrad.nn.layers.Embedding},
 * {@link org.jgrad.nn.layers.MultiHeadAttention}, {@link org.jgrad.nn.layers.TransformerBlock} and the
 * containers {@link org.jgrad.nn.layers.Sequential} and {@link org.jgrad.nn.layers.Residual}. Parameters are
 * float32 and named as PyTorch's, so state dicts load both ways.
 */
package org.jgrad.nn.layers;
