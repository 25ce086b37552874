package org.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The micrograd graph, L = (a*b + c) * f, drawn: three ops, four leaves, six edges; gradients once computed. */
class GraphExportTest {
    private record Micro(Tensor a, Tensor b, Tensor c, Tensor f, Tensor l) {
    }

    private static Micro build() {
        Tensor a = Tensor.scalar(2.0, DType.F64).requiresGrad(true);
        Tensor b = Tensor.scalar(-3.0, DType.F64).requiresGrad(true);
        Tensor c = Tensor.scalar(10.0, DType.F64).requiresGrad(true);
        Tensor f = Tensor.scalar(-2.0, DType.F64).requiresGrad(true);
        return new Micro(a, b, c, f, a.mul(b).add(c).mul(f));
    }

    private static GraphExport export(Micro m) {
        return new GraphExport(m.l()).named(m.a(), "a").named(m.b(), "b").named(m.c(), "c").named(m.f(), "f");
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void dotHasEveryOpLeafAndEdge() {
        Micro m = build();
        String before = export(m).toDot();
        assertEquals(3, count(before, "shape=ellipse"), before);
        assertEquals(4, count(before, "shape=box"), before);
        assertEquals(6, count(before, " -> "), before);
        assertTrue(before.contains("label=\"a []\\nrequires grad\""), before);
        m.l().backward();
        String after = export(m).toDot();
        assertTrue(after.contains("label=\"a []\\ngrad = 6.000\""), after);
        assertTrue(after.contains("label=\"f []\\ngrad = 4.000\""), after);
    }

    @Test
    void htmlIsAWellFormedSvgDrawing() throws Exception {
        Micro m = build();
        m.l().backward();
        String html = export(m).toHtml();
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals(7, doc.getElementsByTagName("g").getLength(), "3 ops and 4 leaves");
        assertEquals(6, doc.getElementsByTagName("line").getLength(), "6 edges");
        assertTrue(svg.contains(">b []</text>") && svg.contains(">grad = -4.000</text>"), svg);
    }
}
