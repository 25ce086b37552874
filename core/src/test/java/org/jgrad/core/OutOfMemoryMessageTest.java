package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Running out of memory names the op, the result's shape and the bytes. The result here is 3.6 GB (a
 * 30000 x 30000 float32 array, made from a broadcast view that costs nothing), more than the test JVM's heap
 * (-Xmx2g), on every machine.
 */
class OutOfMemoryMessageTest {
    @Test
    void anOpWhoseResultDoesNotFitSaysWhichOpShapeAndBytes() {
        NDArray huge = NDArray.zeros(DType.F32, 1, 1).expand(30_000, 30_000);
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class, huge::exp);
        assertTrue(e.getMessage().startsWith("exp: out of memory for its result, a F32 tensor of shape [30000, 30000]"
                + " (3600000000 bytes;"), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx8g"), e.getMessage());
        OutOfMemoryError z = assertThrows(OutOfMemoryError.class, () -> NDArray.zeros(DType.F64, 30_000, 30_000));
        assertTrue(z.getMessage().startsWith("zeros: out of memory"), z.getMessage());
    }
}
