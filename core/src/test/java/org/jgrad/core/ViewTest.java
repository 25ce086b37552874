package org.jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.core.backend.Backends;
import org.junit.jupiter.api.Test;

/**
 * Movement ops are metadata only: these tests check that they share storage (no copy) where PyTorch does,
 * and copy where the layout forbids a view. Element values of views are covered by testkit's properties.
 */
class ViewTest {
    private final Creation on = NDArray.on(Backends.get("reference"));
    private final NDArray x = on.arange(0, 24, 1, DType.F64).reshape(2, 3, 4);

    @Test
    void viewsShareStorage() {
        assertSame(x.storage(), x.permute(2, 0, 1).storage());
        assertSame(x.storage(), x.slice(2, 1, 4, 2).storage());
        assertSame(x.storage(), x.flip(0, 2).storage());
        assertSame(x.storage(), x.unsqueeze(1).expand(2, 5, 3, 4).storage());
        assertSame(x.storage(), x.select(1, 2).storage());
        assertSame(x.storage(), x.reshape(6, 4).storage());
    }

    @Test
    void stridesFollowPyTorch() {
        assertArrayEquals(new int[] {12, 4, 1}, x.view().strides());
        assertArrayEquals(new int[] {1, 12, 4}, x.permute(2, 0, 1).view().strides());
        assertArrayEquals(new int[] {12, 4, 2}, x.slice(2, 1, 4, 2).view().strides());
        assertEquals(1, x.slice(2, 1, 4, 2).view().offset());
        assertArrayEquals(new int[] {-12, 4, -1}, x.flip(0, 2).view().strides());
        assertArrayEquals(new int[] {12, 0, 4, 1}, x.unsqueeze(1).expand(2, 5, 3, 4).view().strides());
    }

    @Test
    void reshapeIsAViewWhenTheLayoutAllowsAndACopyOtherwise() {
        NDArray t = x.transpose(0, 1); // [3, 2, 4], strides [4, 12, 1]
        NDArray merged = t.reshape(3, 8);  // dims 1 and 2 are not contiguous together -> copy
        assertNotSame(x.storage(), merged.storage());
        NDArray split = t.reshape(3, 2, 2, 2); // only splits the contiguous last dim -> view
        assertSame(x.storage(), split.storage());
        assertArrayEquals(new int[] {4, 12, 2, 1}, split.view().strides());
        assertNull(t.view().reshapeOrNull(Shape.of(6, 4)));
    }

    @Test
    void copiesAndViewsHoldTheSameValues() {
        NDArray t = x.permute(1, 2, 0).slice(1, 0, 4, 2).flip(0);
        assertTrue(!t.view().isContiguous());
        NDArray c = t.contiguous();
        assertTrue(c.view().isContiguous());
        assertArrayEquals(t.toDoubleArray(), c.toDoubleArray());
        // t[i][j][k] = x[k][2 - i][2 * j]
        assertEquals(x.get(1, 1, 0), t.get(1, 0, 1));
        assertEquals(x.get(0, 2, 2), t.get(0, 1, 0));
    }

    @Test
    void squeezeAndUnsqueezeRoundTrip() {
        NDArray u = x.unsqueeze(-1).unsqueeze(0);
        assertEquals(Shape.of(1, 2, 3, 4, 1), u.shape());
        assertEquals(x.shape(), u.squeeze().shape());
        assertEquals(Shape.of(2, 3, 4, 1), u.squeeze(0).shape());
        assertEquals(u.shape(), u.squeeze(1).shape(), "squeeze of a non-1 dim is a no-op, as in PyTorch");
    }
}
