package org.jgrad.bench.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The doctor's PTX check: which PTX ISA a driver accepts, and the version comparison. */
class DoctorTest {
    @Test
    void driversAcceptThePtxIsaOfTheirCudaVersion() {
        assertEquals("9.0", Doctor.maxPtxIsa(13000));
        assertEquals("8.5", Doctor.maxPtxIsa(12060));
        assertEquals("8.4", Doctor.maxPtxIsa(12040));
        assertEquals("8.7", Doctor.maxPtxIsa(12080));
    }

    @Test
    void ourPtxNeedsACuda13Driver() {
        assertTrue(Doctor.compareVersions("9.0", Doctor.maxPtxIsa(12060)) > 0, "a CUDA 12.6 driver must be flagged");
        assertTrue(Doctor.compareVersions("9.0", Doctor.maxPtxIsa(13000)) <= 0);
        assertTrue(Doctor.compareVersions("8.10", "8.9") > 0, "minor versions compare as numbers");
    }
}
