package org.jgrad.bench;

import java.util.List;
import org.jgrad.autograd.Node;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Leak watch for long benchmark runs: after every iteration (thousands to millions of calls, outside the
 * timed region) a full GC, then the used heap and the live autograd graph nodes ({@link Node#liveCount()},
 * read once the Cleaner has caught up). JMH prints both per iteration and averages them with error bars
 * ({@code heapAfterGcMiB}, {@code liveNodes}); a loop that leaks shows a heap that climbs from one
 * iteration to the next and a growing node count, and {@link BenchReport} prints the first and last
 * iteration's heap next to each other. The heap figure includes the harness's own live data (a few
 * MiB), so it is the trend that matters. {@code bench/run.sh} adds this profiler when the arguments
 * name an autograd benchmark.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar AutogradMlpBench -prof org.jgrad.bench.AutogradHeapProfiler
 * </pre>
 */
public class AutogradHeapProfiler implements InternalProfiler {
    @Override
    public String getDescription() {
        return "used heap (MiB) and live autograd graph nodes after a full GC at the end of each iteration";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        // Counting is a debug mode (a Cleaner per node); nodes recorded from now on are counted.
        Node.setLiveNodeTracking(true);
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                       IterationResult result) {
        long nodes = settledLiveNodes();
        Runtime rt = Runtime.getRuntime();
        double heapMiB = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
        return List.of(new ScalarResult("heapAfterGcMiB", heapMiB, "MiB", AggregationPolicy.AVG),
                new ScalarResult("liveNodes", nodes, "nodes", AggregationPolicy.AVG));
    }

    /** GCs until two consecutive readings of the (asynchronously decremented) node count agree. */
    static long settledLiveNodes() {
        long previous = -1;
        for (int i = 0; i < 50; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = Node.liveCount();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }
}
