package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.core.DType;

/**
 * Draws the graph behind a tensor, for learners: every recorded op (its name and output shape) and every leaf
 * it reads (its shape, whether it requires grad, and its gradient once backward has run), with edges in the
 * direction data flows. As Graphviz DOT ({@link #toDot}, for {@code dot -Tpng}) or as a self-contained HTML page
 * with an SVG drawing laid out here, by depth from the output ({@link #toHtml}), that any browser shows.
 *
 * <pre>{@code
 * GraphExport g = new GraphExport(loss).named(w, "w").named(x, "x");
 * Files.writeString(Path.of("graph.dot"), g.toDot());
 * Files.writeString(Path.of("graph.html"), g.toHtml());
 * }</pre>
 */
public final class GraphExport {
    /** A box of the drawing: an op node or a leaf tensor. */
    private record Box(String id, String label, boolean leaf, int level) {
    }

    private record Edge(String from, String to) {
    }

    private final Tensor root;
    private final Map<Tensor, String> names = new IdentityHashMap<>();

    public GraphExport(Tensor root) {
        this.root = root;
    }

    /** Shows {@code leaf} under {@code name} (tensors have no names of their own). */
    public GraphExport named(Tensor leaf, String name) {
        names.put(leaf, name);
        return this;
    }

    /** Walks the graph: boxes by first visit from the output, ops before the leaves they read. */
    private void walk(List<Box> boxes, List<Edge> edges) {
        Map<Object, String> ids = new IdentityHashMap<>();
        Map<Node, Integer> levels = new IdentityHashMap<>();
        if (root.gradFn() == null) {
            boxes.add(new Box("l0", leafLabel(root), true, 0));
            return;
        }
        // Every op reachable from the output, in first-visit order; then level = the longest path from the output,
        // so every edge points one level or more towards it.
        List<Node> order = new ArrayList<>();
        order.add(root.gradFn());
        for (int k = 0; k < order.size(); k++) {
            for (Node next : order.get(k).next) {
                if (next != null && levels.putIfAbsent(next, 0) == null) {
                    order.add(next);
                }
            }
        }
        levels.put(root.gradFn(), 0);
        relax(order, levels);
        for (Node n : order) {
            String id = "n" + ids.size();
            ids.put(n, id);
            boxes.add(new Box(id, n.opName() + "\n" + n.outputShape, false, levels.get(n)));
        }
        // A leaf sits one level below the lowest op that reads it.
        Map<Tensor, Integer> leafLevels = new IdentityHashMap<>();
        for (Node n : order) {
            for (Tensor leaf : n.leaves) {
                if (leaf != null) {
                    leafLevels.merge(leaf, levels.get(n) + 1, Math::max);
                }
            }
        }
        for (Node n : order) {
            for (int i = 0; i < n.next.length; i++) {
                if (n.next[i] != null) {
                    edges.add(new Edge(ids.get(n.next[i]), ids.get(n)));
                } else if (n.leaves[i] != null) {
                    Tensor leaf = n.leaves[i];
                    String id = ids.get(leaf);
                    if (id == null) {
                        id = "l" + ids.size();
                        ids.put(leaf, id);
                        boxes.add(new Box(id, leafLabel(leaf), true, leafLevels.get(leaf)));
                    }
                    edges.add(new Edge(id, ids.get(n)));
                }
            }
        }
    }

    /** Pushes levels down until every input sits below all its consumers (a node may feed several). */
    private static void relax(List<Node> order, Map<Node, Integer> levels) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Node n : order) {
                for (Node next : n.next) {
                    if (next != null && levels.get(next) < levels.get(n) + 1) {
                        levels.put(next, levels.get(n) + 1);
                        changed = true;
                    }
                }
            }
        }
    }

    private String leafLabel(Tensor t) {
        String name = names.getOrDefault(t, "leaf");
        String grad;
        if (!t.requiresGrad()) {
            grad = "no grad needed";
        } else if (t.grad() == null) {
            grad = "requires grad";
        } else if (t.grad().numel() <= 6) {
            double[] v = (double[]) t.grad().data().to(DType.F64).toArray();
            StringBuilder b = new StringBuilder("grad = ");
            for (int i = 0; i < v.length; i++) {
                b.append(i == 0 ? "" : ", ").append(String.format("%.4g", v[i]));
            }
            grad = b.toString();
        } else {
            grad = "grad " + t.grad().shape();
        }
        return name + " " + t.shape() + "\n" + grad;
    }

    /** Graphviz DOT: {@code dot -Tpng graph.dot -o graph.png}. */
    public String toDot() {
        List<Box> boxes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        walk(boxes, edges);
        StringBuilder b = new StringBuilder("digraph backward {\n  rankdir=BT;\n  node [fontname=\"Helvetica\"];\n");
        for (Box x : boxes) {
            b.append("  ").append(x.id()).append(" [shape=").append(x.leaf() ? "box" : "ellipse")
                    .append(", style=filled, fillcolor=\"").append(x.leaf() ? "#d0ebff" : "#fff3bf")
                    .append("\", label=\"").append(x.label().replace("\"", "\\\"").replace("\n", "\\n")).append("\"];\n");
        }
        for (Edge e : edges) {
            b.append("  ").append(e.from()).append(" -> ").append(e.to()).append(";\n");
        }
        return b.append("}\n").toString();
    }

    /** A self-contained HTML page with the graph drawn in SVG: output at the top, inputs below. */
    public String toHtml() {
        List<Box> boxes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        walk(boxes, edges);
        int w = 190;
        int h = 48;
        int gapX = 30;
        int gapY = 50;
        Map<Integer, Integer> perLevel = new java.util.HashMap<>();
        Map<String, int[]> at = new java.util.HashMap<>();
        int maxLevel = 0;
        int maxInLevel = 0;
        for (Box x : boxes) {
            int slot = perLevel.merge(x.level(), 1, Integer::sum) - 1;
            at.put(x.id(), new int[] {20 + slot * (w + gapX), 20 + x.level() * (h + gapY)});
            maxLevel = Math.max(maxLevel, x.level());
            maxInLevel = Math.max(maxInLevel, slot + 1);
        }
        int width = 40 + maxInLevel * (w + gapX);
        int height = 40 + (maxLevel + 1) * (h + gapY);
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>jgrad graph</title></head><body>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\""
                        + " orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#555\"/></marker></defs>\n");
        for (Edge e : edges) {
            int[] from = at.get(e.from());
            int[] to = at.get(e.to());
            s.append("<line x1=\"").append(from[0] + w / 2).append("\" y1=\"").append(from[1]).append("\" x2=\"")
                    .append(to[0] + w / 2).append("\" y2=\"").append(to[1] + h)
                    .append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>\n");
        }
        for (Box x : boxes) {
            int[] p = at.get(x.id());
            s.append("<g class=\"").append(x.leaf() ? "leaf" : "op").append("\"><rect x=\"").append(p[0])
                    .append("\" y=\"").append(p[1]).append("\" width=\"").append(w).append("\" height=\"").append(h)
                    .append("\" rx=\"").append(x.leaf() ? 2 : 18).append("\" fill=\"")
                    .append(x.leaf() ? "#d0ebff" : "#fff3bf").append("\" stroke=\"#888\"/>");
            String[] lines = x.label().split("\n");
            for (int i = 0; i < lines.length; i++) {
                s.append("<text x=\"").append(p[0] + w / 2).append("\" y=\"").append(p[1] + 20 + 16 * i)
                        .append("\" text-anchor=\"middle\">").append(escape(lines[i])).append("</text>");
            }
            s.append("</g>\n");
        }
        return s.append("</svg>\n</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
