package org.jgrad.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every jgrad benchmark inherits (JMH reads these annotations from superclasses), so the
 * whole suite stays within minutes: average time per call in microseconds, 3 warm-up and 5 measured
 * iterations of one second, one fork per parameter combination.
 *
 * <p>Fork JVM options: the Vector API module, which the simd backend needs, and a fixed, pre-touched
 * ParallelGC heap (the project's collector), so that heap growth and first-touch page faults from the
 * large outputs stay out of the timings. They are <em>prepended</em>, so {@code -jvmArgsAppend} on the JMH
 * command line adds to them instead of replacing them. Any of it can be overridden from the command line,
 * e.g. {@code -wi 5 -i 10 -f 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xms2g", "-Xmx2g",
    "-XX:+AlwaysPreTouch"})
public abstract class BenchConfig {
}
