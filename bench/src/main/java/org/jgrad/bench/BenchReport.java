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
 * elementwise ops in microseconds with the speed-up over the reference backend.
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
                int n = Integer.parseInt(String.valueOf(p.get("n")));
                double gflops = 2.0 * n * n * n / (us * 1e3);
                mm.append(String.format(Locale.ROOT, "%6d  %-10s %7d  %12.1f  %8.2f%n", n, backend,
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
            out.append("float32 matmul, n x n times n x n\n");
            out.append(String.format(Locale.ROOT, "%6s  %-10s %7s  %12s  %8s%n", "n", "backend", "threads", "time (us)",
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
        return out.toString();
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
