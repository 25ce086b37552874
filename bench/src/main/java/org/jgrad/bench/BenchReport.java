package org.jgrad.bench;

import com.google.gson.Gson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints JMH JSON results ({@code -rf json}) as tables: matrix products in GFLOP/s ({@code 2 n^3 / time}),
 * elementwise ops in microseconds with the speed-up over the reference backend, and the autograd
 * benchmarks ({@code Autograd*Bench}) with their error bars, each autograd figure as a multiple of its
 * plain-NDArray baseline, and the heap after GC of the first and last iteration when
 * {@link AutogradHeapProfiler} ran.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MatmulBench -rf json -rff matmul.json
 * java -cp bench/target/benchmarks.jar org.jgrad.bench.BenchReport matmul.json
 *
 *      n  backend     threads     time (us)   GFLOP/s
 *   1024  simd:1            1      30712.4      69.9
 * </pre>
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: BenchReport RESULT.json ...   (JMH results written with -rf json -rff FILE)");
            System.exit(2);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String file : args) {
            rows.addAll(read(Path.of(file)));
        }
        System.out.print(format(rows));
    }

    /** The result entries of one JMH JSON file. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> read(Path file) throws IOException {
        Object json = new Gson().fromJson(Files.readString(file), Object.class);
        if (!(json instanceof List<?> list)) {
            throw new IllegalArgumentException(file + ": expected a JSON array of JMH results");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            out.add((Map<String, Object>) o);
        }
        return out;
    }

    /** The tables for these results, matrix products first. */
    static String format(List<Map<String, Object>> results) {
        StringBuilder mm = new StringBuilder();
        StringBuilder ew = new StringBuilder();
        Map<String, Double> referenceTimes = new LinkedHashMap<>();
        List<Map<String, Object>> autograd = results.stream().filter(BenchReport::isAutograd).toList();
        results = results.stream().filter(r -> !isAutograd(r)).toList();
        for (Map<String, Object> r : results) {
            Map<String, Object> p = params(r);
            if (!isMatmul(r) && "reference".equals(p.get("backend"))) {
                referenceTimes.put(String.valueOf(p.get("op")), micros(r));
            }
        }
        for (Map<String, Object> r : results) {
            Map<String, Object> p = params(r);
            String backend = String.valueOf(p.getOrDefault("backend", "reference"));
            double us = micros(r);
            if (isMatmul(r)) {
                // MatmulShapesBench names its product ("64x5000x128nt"), MatmulBench gives n of an n x n product.
                Object shape = p.get("shape");
                String size = shape != null ? String.valueOf(shape) : String.valueOf(p.get("n"));
                double flops = shape != null ? Matrices.Product.parse(size).flops() : 2.0 * Math.pow(Integer.parseInt(size), 3);
                double gflops = flops / (us * 1e3);
                mm.append(String.format(Locale.ROOT, "%16s  %-10s %7d  %12.1f  %8.2f%n", size, backend,
                        BenchBackends.threads(backend), us, gflops));
            } else {
                String op = String.valueOf(p.get("op"));
                Double ref = referenceTimes.get(op);
                String speedup = ref == null ? "" : String.format(Locale.ROOT, "%8.1fx", ref / us);
                ew.append(String.format(Locale.ROOT, "%-6s  %-10s %7d  %12.1f  %s%n", op, backend,
                        BenchBackends.threads(backend), us, speedup));
            }
        }
        StringBuilder out = new StringBuilder();
        if (!mm.isEmpty()) {
            out.append("float32 matmul, n x n times n x n, or [batch x] m x k x n with layouts of A and B\n");
            out.append(String.format(Locale.ROOT, "%16s  %-10s %7s  %12s  %8s%n", "n", "backend", "threads", "time (us)",
                    "GFLOP/s"));
            out.append(mm);
        }
        if (!ew.isEmpty()) {
            out.append(out.isEmpty() ? "" : "\n").append("float32, ").append(ElementwiseBench.SIZE)
                    .append(" elements\n");
            out.append(String.format(Locale.ROOT, "%-6s  %-10s %7s  %12s  %s%n", "op", "backend", "threads", "time (us)",
                    "vs reference"));
            out.append(ew);
        }
        if (!autograd.isEmpty()) {
            out.append(out.isEmpty() ? "" : "\n").append(formatAutograd(autograd));
        }
        return out.toString();
    }

    /**
     * The autograd table. The baseline of {@code autogradX} and {@code noGradX} is {@code ndarrayX} of the
     * same class and parameters; the heap column is "first -> last iteration" (MiB after a full GC).
     */
    static String formatAutograd(List<Map<String, Object>> results) {
        Map<String, Double> baselines = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            baselines.put(String.valueOf(r.get("benchmark")) + params(r), micros(r));
        }
        StringBuilder out = new StringBuilder("autograd, time per call (vs = time / the same work on plain NDArrays)\n");
        out.append(String.format(Locale.ROOT, "%-46s %-10s %22s  %7s  %-15s  %s%n", "benchmark", "backend",
                "time", "vs", "heap after GC", "live nodes"));
        for (Map<String, Object> r : results) {
            String name = String.valueOf(r.get("benchmark"));
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String method = name.substring(name.lastIndexOf('.') + 1);
            String base = null;
            for (String prefix : new String[] {"autograd", "noGrad"}) {
                if (method.startsWith(prefix) && method.length() > prefix.length()) {
                    base = name.substring(0, name.lastIndexOf('.') + 1) + "ndarray" + method.substring(prefix.length());
                }
            }
            Double baseUs = base == null ? null : baselines.get(base + params(r));
            String vs = baseUs == null ? "" : String.format(Locale.ROOT, "%6.2fx", micros(r) / baseUs);
            @SuppressWarnings("unchecked")
            Map<String, Object> metric = (Map<String, Object>) r.get("primaryMetric");
            String time = String.format(Locale.ROOT, "%.3f ± %.3f %s", number(metric.get("score")),
                    number(metric.get("scoreError")), metric.get("scoreUnit"));
            List<Double> heap = iterations(r, "heapAfterGcMiB");
            List<Double> nodes = iterations(r, "liveNodes");
            String heapCol = heap.isEmpty() ? "" : String.format(Locale.ROOT, "%.1f -> %.1f MiB", heap.get(0),
                    heap.get(heap.size() - 1));
            String nodeCol = nodes.isEmpty() ? "" : String.format(Locale.ROOT, "%.0f -> %.0f", nodes.get(0),
                    nodes.get(nodes.size() - 1));
            out.append(String.format(Locale.ROOT, "%-46s %-10s %22s  %7s  %-15s  %s%n", shortName,
                    params(r).getOrDefault("backend", ""), time, vs, heapCol, nodeCol).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static boolean isAutograd(Map<String, Object> r) {
        return String.valueOf(r.get("benchmark")).contains(".Autograd");
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A secondary metric's per-iteration values, forks in order, or an empty list. */
    @SuppressWarnings("unchecked")
    private static List<Double> iterations(Map<String, Object> r, String metric) {
        List<Double> values = new ArrayList<>();
        if (r.get("secondaryMetrics") instanceof Map<?, ?> secondary
                && secondary.get(metric) instanceof Map<?, ?> m && m.get("rawData") instanceof List<?> forks) {
            for (Object fork : forks) {
                for (Object v : (List<Object>) fork) {
                    values.add(number(v));
                }
            }
        }
        return values;
    }

    private static boolean isMatmul(Map<String, Object> r) {
        return String.valueOf(r.get("benchmark")).toLowerCase(Locale.ROOT).contains("matmul");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> r) {
        Object p = r.get("params");
        return p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The primary score in microseconds per operation. */
    @SuppressWarnings("unchecked")
    private static double micros(Map<String, Object> r) {
        Map<String, Object> metric = (Map<String, Object>) r.get("primaryMetric");
        double score = ((Number) metric.get("score")).doubleValue();
        String unit = String.valueOf(metric.get("scoreUnit"));
        return switch (unit) {
            case "ns/op" -> score / 1e3;
            case "us/op" -> score;
            case "ms/op" -> score * 1e3;
            case "s/op" -> score * 1e6;
            default -> throw new IllegalArgumentException("BenchReport reads average-time results (x/op), got " + unit
                    + " for " + r.get("benchmark"));
        };
    }
}
