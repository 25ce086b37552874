package org.jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
@Command(name = "micrograd", mixinStandardHelpOptions = true,
        description = "Backward on a few scalars (micrograd's example): every gradient; the trace and the graph on request.")
public final class Micrograd implements Callable<Integer> {
    private Micrograd() {
    }

    @Option(names = "--trace", description = "explain backward: each node in the order the engine runs it, its"
            + " rule, the gradient coming in and what each input gets")
    boolean trace;
    @Option(names = "--graph", paramLabel = "FILE", description = "draw the graph into FILE (HTML/SVG; DOT, and PNG"
            + " where Graphviz is installed, next to it)")
    Path graph;

    public static void main(String[] args) {
        System.exit(Cli.run(new Micrograd(), args));
    }

    @Override
    public Integer call() throws java.io.IOException {
        Tensor l = run(trace, System.out);
        if (graph != null) {
            writeGraph(l, graph);
        }
        return 0;
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
