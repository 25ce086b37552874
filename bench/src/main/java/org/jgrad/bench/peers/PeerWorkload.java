package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;

/**
 * One workload of the side-by-side benchmark against PyTorch, built with its model, optimizer and random
 * data pool before timing starts; {@link #step()} does one unit of work. The same workload, with the same
 * shapes and hyper-parameters, is in {@code bench/peers/torch_workloads.py} under the same id.
 *
 * <pre>{@code
 * PeerWorkload w = PeerRow.MLP784_B10.create();
 * Tensor loss = w.step();     // one SGD step; loss.item() is the batch's cost
 * }</pre>
 */
@FunctionalInterface
public interface PeerWorkload {
    /**
     * One unit of work: a training step (returns the loss, computed before the update), an inference call, a
     * matmul or an add (returns the result, so the work is not dead code).
     */
    Tensor step();
}
