package org.jgrad.testkit.grad;

/** The generic properties run over the autograd op database; an entry may skip one, with a reason. */
public enum GradProperty {
    /** First-order gradients match central differences in float64 ({@link GradCheck#check}). */
    GRADCHECK,
    /** Second-order gradients match central differences of the first-order ones ({@link GradCheck#gradGradCheck}). */
    GRADGRADCHECK,
    /** A float32 backend's outputs and gradients agree with the float64 reference backend's. */
    FLOAT32_VS_REFERENCE,
    /** The float64 outputs agree with the entry's independent host implementation. */
    FORWARD_VS_REFERENCE
}
