package org.jgrad.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.nn.Module;
import org.junit.jupiter.api.Test;

/** Sequential's positional names and chaining, Residual's skip and their nesting. */
class ContainersTest {
    private final Generator gen = new Generator(0);

    @Test
    void sequentialNamesChildrenByPositionAndChains() {
        Linear a = new Linear(3, 4, gen);
        Linear b = new Linear(4, 2, gen);
        Sequential s = new Sequential(a, new ReLU()).add(b);
        assertEquals(3, s.size());
        assertSame(b, s.get(2));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.stateDict().keySet()));
        assertEquals(List.of("", "0", "1", "2"), List.copyOf(s.namedModules().keySet()));
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 5, 3));
        assertArrayEquals(b.forward(a.forward(x).relu()).toFloatArray(), s.forward(x).toFloatArray());
        assertSame(x, new Sequential().forward(x), "empty: the identity");
        assertTrue(s.toString().contains("(2): Linear(in_features=4, out_features=2, bias=true)"), s.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertThrows(NullPointerException.class, () -> s.add(null));
    }

    @Test
    void residualAddsTheInputAndNamesItsChildInner() {
        Linear inner = new Linear(4, 4, gen);
        Residual r = new Residual(inner);
        assertEquals(List.of("inner.weight", "inner.bias"), List.copyOf(r.stateDict().keySet()));
        Tensor x = Tensor.of(NDArray.randn(gen, DType.F32, 3, 4));
        assertArrayEquals(x.add(inner.forward(x)).toFloatArray(), r.forward(x).toFloatArray());
    }

    @Test
    void residualRejectsAShapeChange() {
        Residual r = new Residual(new Linear(4, 3, gen));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.forward(Tensor.zeros(DType.F32, 2, 4)));
        assertTrue(e.getMessage().contains("Residual") && e.getMessage().contains("Linear")
                && e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void nestedContainersComposeNamesAndModes() {
        Sequential model = new Sequential(new Residual(new Sequential(new LayerNorm(4), new Linear(4, 4, gen))),
                new Dropout(0.5, gen), new Linear(4, 1, gen));
        assertEquals(List.of("0.inner.0.weight", "0.inner.0.bias", "0.inner.1.weight", "0.inner.1.bias",
                "2.weight", "2.bias"), List.copyOf(model.stateDict().keySet()));
        model.eval();
        assertTrue(model.namedModules().values().stream().noneMatch(Module::isTraining));
        Tensor x = Tensor.ones(DType.F32, 2, 4);
        assertArrayEquals(model.forward(x).toFloatArray(), model.forward(x).toFloatArray(), "no dropout in eval");
    }
}
