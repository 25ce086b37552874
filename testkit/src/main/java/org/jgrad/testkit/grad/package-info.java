/**
 * The gradient-testing kit: {@link org.jgrad.testkit.grad.GradCheck} (finite differences against the
 * engine's gradients, first and second order, full Jacobian or random projections) and the autograd op
 * database ({@link org.jgrad.testkit.grad.GradOps}: one {@link org.jgrad.testkit.grad.GradOp} per
 * differentiable {@code Tensor} method, primitive or composite), with generic properties over it
 * ({@link org.jgrad.testkit.grad.GradChecks}) and a coverage check ({@link org.jgrad.testkit.grad.GradCoverage}).
 *
 * <h2>Checking one function</h2>
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {0.5, -1.2, 2.0}).requiresGrad(true);
 * GradCheck.check(in -> in.get(0).tanh().mul(in.get(0)), List.of(x)).orThrow();
 * GradCheck.gradGradCheck(in -> in.get(0).tanh().mul(in.get(0)), List.of(x)).orThrow();
 * }</pre>
 *
 * <h2>Checking your own op with the database's properties</h2>
 * <pre>{@code
 * class SwishGradProperties extends GradOpProperties {
 *     @Override
 *     protected List<GradOp> ops() {
 *         return List.of(GradOp.builder("swish")
 *                 .domains(ValueDomain.uniform(-4, 4))
 *                 .samples(ElementwiseSamples.unary())
 *                 .call(GradCall.single(c -> c.in(0).mul(c.in(0).sigmoid())))
 *                 .reference(HostReference.unary(x -> x / (1 + Math.exp(-x)), true))
 *                 .build());
 *     }
 * }
 * }</pre>
 *
 * <h2>What the properties check</h2>
 * gradcheck and gradgradcheck in float64 on the reference backend, with broadcasting and non-contiguous
 * inputs (eps 1e-6, atol 1e-5, rtol 1e-3 unless an entry says otherwise); the float64 forward against an
 * independent host implementation; outputs and gradients of the float32 backend under test against the float64
 * reference ({@link org.jgrad.testkit.grad.Float32Tolerance}); and bad inputs raising errors that name the op.
 */
package org.jgrad.testkit.grad;
