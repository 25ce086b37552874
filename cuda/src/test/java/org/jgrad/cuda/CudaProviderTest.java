package org.jgrad.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the GPU cannot be used, the reason is one short line naming what is missing. */
class CudaProviderTest {
    @Test
    void aMissingDriverIsNamedInOneLine() {
        String jcuda = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\" Operating system name:"
                + " Linux ---(start of nested stack traces)--- java.lang.UnsatisfiedLinkError:"
                + " /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such"
                + " file or directory at ... ---(end of nested stack traces)---";
        assertEquals("no NVIDIA driver here: libcuda.so.1 cannot be loaded (install the NVIDIA driver)",
                CudaProvider.linkFailure(jcuda));
    }

    @Test
    void otherLoadFailuresKeepOnlyTheirFirstPart() {
        String reason = CudaProvider.linkFailure("Error while loading native library \"X\" ---(start of nested stack"
                + " traces)--- long trace");
        assertEquals("JCuda's native library could not be loaded: Error while loading native library \"X\"", reason);
        assertTrue(CudaProvider.linkFailure("y".repeat(500)).length() < 300);
    }
}
