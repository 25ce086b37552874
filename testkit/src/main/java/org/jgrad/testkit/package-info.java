/**
 * jgrad's testkit: jqwik generators, the op list, and generic checks that every op must pass on every
 * backend, dtype and layout (DESIGN.md, patterns 8 and 9). Usable for your own ops and backends.
 *
 * <h2>Generators</h2>
 * {@link org.jgrad.testkit.Shapes} (ranks 0-4 with size-0 and size-1 dims, broadcast-compatible pairs and
 * triples), {@link org.jgrad.testkit.ValueDomain} (bounded, float32-exact values kept away from kinks, with
 * optional NaN/inf), {@link org.jgrad.testkit.Tensors}, {@link org.jgrad.testkit.Views} (permuted, strided,
 * offset, flipped and expanded views with known values). Everything is drawn by jqwik, so failures shrink.
 *
 * <h2>The op list</h2>
 * One {@link org.jgrad.testkit.CoreOp} per public op ({@link org.jgrad.testkit.CoreOps#all()}): how to
 * sample it, how to call it, a host reference implementation, and a tolerance whose error analysis is
 * written down ({@link org.jgrad.testkit.Tolerance}). {@link org.jgrad.testkit.Coverage} fails when a public
 * method of {@code NDArray} or {@code Creation} has no entry.
 *
 * <h2>Checks</h2>
 * {@link org.jgrad.testkit.HostAgreement} (the op matches an independent host implementation),
 * {@link org.jgrad.testkit.BackendAgreement} (a backend matches the float64 reference),
 * {@link org.jgrad.testkit.LayoutInvariance} (views give the results of dense copies) and
 * {@link org.jgrad.testkit.BroadcastEquivalence} (broadcasting equals explicit expansion). Each returns a
 * {@link org.jgrad.testkit.CheckResult} naming the op, the sample and the first mismatches.
 *
 * <pre>{@code
 * class MyOpProperties {
 *     @Property(tries = 300)
 *     void myBackendAgrees(@ForAll("cases") OpCase c) {
 *         BackendAgreement.check(c.op(), c.sample(), new Target(myBackend, DType.F32), Target.reference())
 *                 .orThrow();
 *     }
 *
 *     @Provide
 *     Arbitrary<OpCase> cases() {
 *         return OpCases.float32(CoreOps.with(mySoftplusEntry), SampleSizes.DEFAULT);
 *     }
 * }
 * }</pre>
 *
 * <h2>Gradients</h2>
 * {@link org.jgrad.testkit.grad} holds the gradient-testing kit: {@code GradCheck} (finite differences,
 * first and second order) and the autograd op database with its properties, for jgrad's ops and your own.
 *
 * <p>The testkit's own suites test the backend named by {@code -Djgrad.testkit.backend} (default simd; the
 * reference stands in, loudly, when it is missing), once per SIMD width (see testkit/pom.xml).
 */
package org.jgrad.testkit;
