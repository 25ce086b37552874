package org.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;

/**
 * "No leaks": a training-style loop keeps a flat number of live graph nodes. Each step builds a fresh
 * graph (forward, cross-entropy, backward) and updates the parameters in place under no-grad; once a step
 * is over nothing should reach its graph any more, so after a GC the live-node count at step 10,000 is
 * the same as at step 1,000. The second test keeps every loss (and so its graph) and shows that the same
 * measurement then grows: the counter does see leaks.
 */
class NoLeakTest {
    @org.junit.jupiter.api.BeforeAll
    static void trackNodes() {
        Node.setLiveNodeTracking(true);
    }

    private static final int STEPS = 10_000;
    private static final int FIRST_SAMPLE = 1_000;
    /** Allowed growth of live nodes between the samples: less than one step's graph (about 40 nodes). */
    private static final long NODE_BOUND = 20;
    /** Allowed growth of the used heap after GC between the samples; a leaked graph per step costs far more. */
    private static final long HEAP_BOUND = 16L << 20;

    private static final int BATCH = 32;
    private static final int IN = 4;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;
    private static final double LR = 0.1;

    /** A tiny 2-layer MLP and a fixed, learnable batch (labels from a random linear map), all float64. */
    private static final class Mlp {
        final Tensor x;
        final Tensor y;
        final Tensor w1;
        final Tensor b1;
        final Tensor w2;
        final Tensor b2;

        Mlp(long seed) {
            Generator gen = new Generator(seed);
            x = Tensor.of(NDArray.randn(gen, DType.F64, BATCH, IN));
            NDArray teacher = NDArray.randn(gen, DType.F64, IN, CLASSES);
            y = Tensor.of(x.data().matmul(teacher).argmax(1, false));
            w1 = Tensor.of(NDArray.randn(gen, DType.F64, HIDDEN, IN).mul(NDArray.scalar(0.5, DType.F64)))
                    .requiresGrad(true);
            b1 = Tensor.zeros(DType.F64, HIDDEN).requiresGrad(true);
            w2 = Tensor.of(NDArray.randn(gen, DType.F64, CLASSES, HIDDEN).mul(NDArray.scalar(0.25, DType.F64)))
                    .requiresGrad(true);
            b2 = Tensor.zeros(DType.F64, CLASSES).requiresGrad(true);
        }

        /** One SGD step; returns the loss (its graph already freed by backward). */
        @SuppressWarnings("try") // the no-grad scope is used only for its effect
        Tensor step() {
            Tensor loss = x.linear(w1, b1).relu().linear(w2, b2).crossEntropy(y);
            loss.backward();
            try (var scope = GradMode.noGrad()) {
                for (Tensor p : new Tensor[] {w1, b1, w2, b2}) {
                    p.sub_(p.grad().mul(LR));
                    p.zeroGrad();
                }
            }
            return loss;
        }
    }

    /** What a run measured: live nodes and used heap after GC at two steps, and the first and last loss. */
    private record Run(long nodesEarly, long nodesLate, long heapEarly, long heapLate, double firstLoss,
                       double lastLoss) {
        long nodeGrowth() {
            return nodesLate - nodesEarly;
        }

        long heapGrowth() {
            return heapLate - heapEarly;
        }
    }

    /** Trains for {@code steps}, sampling after {@code early} steps and at the end; {@code keep} (if not null) gets every loss. */
    private static Run train(int early, int steps, List<Tensor> keep) {
        Mlp m = new Mlp(7);
        double first = Double.NaN;
        double last = Double.NaN;
        long nodesEarly = 0;
        long heapEarly = 0;
        for (int s = 1; s <= steps; s++) {
            Tensor loss = m.step();
            last = loss.item();
            if (s == 1) {
                first = last;
            }
            if (keep != null) {
                keep.add(loss);
            }
            loss = null;
            if (s == early) {
                nodesEarly = settledLiveNodes();
                heapEarly = usedHeap();
            }
        }
        return new Run(nodesEarly, settledLiveNodes(), heapEarly, usedHeap(), first, last);
    }

    /**
     * {@link Node#liveCount()} once collection has caught up: the Cleaner decrements asynchronously, so GC
     * and wait until two consecutive readings agree (at most about 5 s).
     */
    private static long settledLiveNodes() {
        long previous = -1;
        for (int i = 0; i < 100; i++) {
            System.gc();
            sleep(i < 5 ? 10 : 50);
            long now = Node.liveCount();
            if (now == previous && i >= 2) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long usedHeap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void tenThousandTrainingStepsKeepLiveNodesAndHeapFlat() {
        long start = System.nanoTime();
        Run r = train(FIRST_SAMPLE, STEPS, null);
        String what = "live graph nodes after GC: " + r.nodesEarly() + " at step " + FIRST_SAMPLE + ", " + r.nodesLate()
                + " at step " + STEPS + "; used heap after GC: " + (r.heapEarly() >> 10) + " KiB, then "
                + (r.heapLate() >> 10) + " KiB; loss " + r.firstLoss() + " -> " + r.lastLoss();
        System.out.printf("NoLeakTest: %d steps in %.1f s; %s%n", STEPS, (System.nanoTime() - start) / 1e9, what);
        assertTrue(r.nodeGrowth() <= NODE_BOUND, "the live-node count grew: " + what);
        assertTrue(r.heapGrowth() <= HEAP_BOUND, "the heap grew: " + what);
        assertTrue(r.lastLoss() < 0.5 * r.firstLoss(), "the loop did not train: " + what);
    }

    @Test
    void keepingEveryLossIsSeenAsALeak() {
        List<Tensor> kept = new ArrayList<>();
        int early = 100;
        int steps = 1_000;
        Run r = train(early, steps, kept);
        // Each kept loss holds its whole graph (nodes stay linked after backward frees the saved values).
        long leakedSteps = steps - early;
        assertTrue(r.nodeGrowth() >= 10 * leakedSteps && r.nodeGrowth() > NODE_BOUND,
                "keeping " + kept.size() + " losses should keep their graphs alive, but live nodes went from "
                        + r.nodesEarly() + " to " + r.nodesLate());
        System.out.println("NoLeakTest: keeping every loss, live nodes after GC went from " + r.nodesEarly()
                + " at step " + early + " to " + r.nodesLate() + " at step " + steps);
        kept.clear();
        long after = settledLiveNodes();
        assertTrue(after <= r.nodesEarly() - 10 * early + NODE_BOUND,
                "dropping the kept losses should free their graphs, but " + after + " nodes are live (were "
                        + r.nodesEarly() + " at step " + early + ")");
    }
}
