/**
 * Parameter initialisers ({@link org.jgrad.nn.init.Init}), as PyTorch's {@code torch.nn.init}: Kaiming,
 * Xavier, LeCun, normal, uniform and constants, each filling a tensor in place from an explicit generator.
 */
package org.jgrad.nn.init;
