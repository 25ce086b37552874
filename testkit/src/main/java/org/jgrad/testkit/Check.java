package org.jgrad.testkit;

/** The generic properties run over the op list; an entry may skip one, with a reason. */
public enum Check {
    /** The reference backend matches the entry's independent host implementation ({@link HostReference}). */
    HOST_REFERENCE,
    /** A backend in float32 agrees with the reference backend in float64 ({@link BackendAgreement}). */
    FLOAT32_VS_REFERENCE,
    /** A backend agrees with the reference at the same dtype, for each dtype the op accepts. */
    SAME_DTYPE_VS_REFERENCE,
    /** Non-contiguous inputs give the results of their contiguous copies ({@link LayoutInvariance}). */
    LAYOUT_INVARIANCE,
    /** Broadcasting equals explicit expansion ({@link BroadcastEquivalence}). */
    BROADCAST_EQUIVALENCE
}
