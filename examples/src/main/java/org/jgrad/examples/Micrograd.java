package org.jgrad.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.autograd.BackwardTrace;
import org.jgrad.autograd.GraphExport;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;

/**
 * The micrograd example, in jgrad: a few scalars, one expression, backward, and every gradient printed.
 * With {@code --trace}, backward explains itself: each node in the order the engine runs it, its local
 * derivative rule, the gradient coming in and what each input gets. With {@code --graph graph.html}, the graph is
 * drawn (HTML/SVG, DOT, and PNG where Graphviz is installed). Run: {@code ./jgrad example Micrograd --trace}.
 */
public final class Micrograd {
    private Micrograd() {
    }

    public static void main(String[] args) throws java.io.IOException {
        List<String> options = Arrays.asList(args);
        int graph = options.indexOf("--graph");
        Path html = graph >= 0 && graph + 1 < options.size() ? Path.of(options.get(graph + 1)) : null;
        if (graph >= 0 && html == null) {
            System.err.println("Micrograd: --graph needs a file name, e.g. --graph graph.html");
            System.exit(2);
        }
        Tensor l = run(options.contains("--trace"), System.out);
        if (html != null) {
            writeGraph(l, html);
        }
    }

    /** The graph as HTML/SVG at {@code html}, as DOT beside it, and as PNG where Graphviz's dot is installed. */
    static void writeGraph(Tensor l, Path html) throws java.io.IOException {
        GraphExport g = new GraphExport(l);
        for (Map.Entry<String, Tensor> leaf : leaves.entrySet()) {
            g.named(leaf.getValue(), leaf.getKey());
        }
        Files.writeString(html, g.toHtml());
        Path dot = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".dot");
        Files.writeString(dot, g.toDot());
        System.out.println("graph: " + html + " (open it in a browser) and " + dot);
        Path png = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html?$", "") + ".png");
        try {
            Process p = new ProcessBuilder("dot", "-Tpng", dot.toString(), "-o", png.toString()).inheritIO().start();
            if (p.waitFor() == 0) {
                System.out.println("       " + png + " (Graphviz)");
            }
        } catch (java.io.IOException | InterruptedException e) {
            System.out.println("       (no PNG: Graphviz's dot is not installed; scripts/install-learners.sh installs it)");
        }
    }

    /** The leaves of the last run, by name, for the graph's labels. */
    private static final Map<String, Tensor> leaves = new LinkedHashMap<>();

    /** The example, printing to {@code out}; with {@code trace}, backward's steps first. Returns L. */
    static Tensor run(boolean trace, PrintStream out) {
        Tensor a = Tensor.scalar(2.0, DType.F64).requiresGrad(true);
        Tensor b = Tensor.scalar(-3.0, DType.F64).requiresGrad(true);
        Tensor c = Tensor.scalar(10.0, DType.F64).requiresGrad(true);
        Tensor f = Tensor.scalar(-2.0, DType.F64).requiresGrad(true);
        Tensor e = a.mul(b);          // e = a * b   = -6
        Tensor d = e.add(c);          // d = e + c   = 4
        Tensor l = d.mul(f);          // L = d * f   = -8
        leaves.clear();
        leaves.putAll(Map.of("a", a, "b", b, "c", c, "f", f));
        if (trace) {
            out.println("backward from L, node by node:");
            l.backward(step -> out.print(BackwardTrace.format(step)));
        } else {
            l.backward();
        }
        out.printf("L = %.1f%n", l.item());
        out.printf("dL/da = %.1f   (= f * b)%n", a.grad().item());
        out.printf("dL/db = %.1f   (= f * a)%n", b.grad().item());
        out.printf("dL/dc = %.1f   (= f)%n", c.grad().item());
        out.printf("dL/df = %.1f   (= d)%n", f.grad().item());
        return l;
    }
}
