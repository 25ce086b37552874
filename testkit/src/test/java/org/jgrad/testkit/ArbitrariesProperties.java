package org.jgrad.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.jgrad.core.DType;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.Backends;

/** The generators keep their promises: bounded shapes, broadcastable pairs, domains, views with known values. */
class ArbitrariesProperties {

    @StatisticsReport(onFailureOnly = true)
    @Property
    void shapesStayWithinRankAndSize(@ForAll("shapes") Shape s) {
        Statistics.label("kind").collect(s.numel() == 0 ? "empty" : s.rank() == 0 ? "scalar" : "other");
        assertTrue(s.rank() <= 4, "rank " + s.rank());
        long nonZero = Arrays.stream(s.toArray()).filter(d -> d > 0).asLongStream().reduce(1, (a, b) -> a * b);
        assertTrue(nonZero <= 48, s + " has " + nonZero + " elements");
    }

    @Property
    void broadcastPairsBroadcastToTheirOutput(@ForAll("pairs") BroadcastShapes p) {
        for (Shape in : p.inputs()) {
            assertTrue(in.rank() <= p.out().rank());
            for (int i = 0; i < in.rank(); i++) {
                int d = in.dim(i);
                int o = p.out().dim(p.out().rank() - in.rank() + i);
                assertTrue(d == o || d == 1, p.toString());
            }
        }
    }

    @Property
    void domainsProduceFloat32ExactValuesAwayFromAvoidedPoints(@ForAll("avoidingZero") double v) {
        assertEquals(v, (double) (float) v, "not exact in float32");
        assertTrue(Math.abs(v) >= 0.25, v + " is within the margin of 0");
        assertTrue(v >= -4 && v <= 4);
    }

    @Tag("backend")
    @StatisticsReport(onFailureOnly = true)
    @Property(tries = 300)
    void viewsShowTheValuesTheHostOracleComputes(@ForAll("views") ViewCase c) {
        Statistics.label("contiguous").collect(c.view().view().isContiguous());
        assertEquals(c.shown(), TensorData.from(c.view()), c.toString());
        assertEquals(c.shown(), TensorData.from(c.contiguousCopy()), c.toString());
    }

    @Tag("backend")
    @Property(tries = 300)
    void viewsOnBackendUnderTestShowTheirValues(@ForAll("viewsUnderTest") ViewCase c) {
        assertEquals(c.shown(), TensorData.from(c.view()), c.toString());
        assertEquals(c.shown(), TensorData.from(c.contiguousCopy()), c.toString());
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Shapes.shapes(4, 48);
    }

    @Provide
    Arbitrary<BroadcastShapes> pairs() {
        return Shapes.broadcastTriples(4, 48);
    }

    @Provide
    Arbitrary<Double> avoidingZero() {
        return ValueDomain.uniform(-4, 4).avoiding(0.25, 0).values();
    }

    @Provide
    Arbitrary<ViewCase> views() {
        return Views.nonContiguous(Tensors.data(Shapes.shapes(4, 48), ValueDomain.uniform(-8, 8)),
                Backends.get("reference"), DType.F64);
    }

    @Provide
    Arbitrary<ViewCase> viewsUnderTest() {
        return Views.nonContiguous(Tensors.data(Shapes.shapes(4, 48), ValueDomain.uniform(-8, 8)),
                BackendUnderTest.get(), DType.F32);
    }
}
