package org.jgrad.examples.recommender;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;

/**
 * What a trained {@link HybridRecommender} learned and how it serves: client embeddings (norms, nearest
 * neighbours, and whether neighbours share the hidden tastes), the content branch as the fallback for a client it
 * has never seen, and ranking every cleaner for a client.
 *
 * <pre>{@code
 * int[] top = RecommenderAnalysis.topCleaners(model, market, client, 10);
 * }</pre>
 */
public final class RecommenderAnalysis {
    private RecommenderAnalysis() {
    }

    /** The client embedding table as rows. */
    static double[][] clientEmbeddings(HybridRecommender m) {
        double[] flat = (double[]) m.clients.weight().data().to(DType.F64).toArray();
        double[][] rows = new double[Marketplace.CLIENTS][HybridRecommender.DIM];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = Arrays.copyOfRange(flat, u * HybridRecommender.DIM, (u + 1) * HybridRecommender.DIM);
        }
        return rows;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot / (norm(a) * norm(b) + 1e-12);
    }

    /** The {@code k} clients whose embeddings are closest (cosine) to {@code client}'s. */
    static int[] nearestClients(double[][] emb, int client, int k) {
        Integer[] others = new Integer[emb.length];
        for (int i = 0; i < others.length; i++) {
            others[i] = i;
        }
        Arrays.sort(others, Comparator.comparingDouble(i -> -(i == client ? -2 : cosine(emb[client], emb[i]))));
        return Arrays.stream(others).limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Mean cosine of the hidden tastes between each client and its nearest embedding neighbour, over the clients
     * with the most jobs: near 0 would mean the embeddings learned nothing about taste.
     */
    static double neighbourTasteAgreement(HybridRecommender m, Marketplace market, int clients) {
        double[][] emb = clientEmbeddings(m);
        int[] jobs = new int[Marketplace.CLIENTS];
        for (int u : market.client()) {
            jobs[u]++;
        }
        Integer[] busiest = new Integer[Marketplace.CLIENTS];
        for (int i = 0; i < busiest.length; i++) {
            busiest[i] = i;
        }
        Arrays.sort(busiest, Comparator.comparingInt(i -> -jobs[i]));
        double total = 0;
        for (int i = 0; i < clients; i++) {
            int u = busiest[i];
            int nearest = nearestClients(emb, u, 1)[0];
            total += cosine(market.people().clientTaste()[u], market.people().clientTaste()[nearest]);
        }
        return total / clients;
    }

    /** Predicted ratings of every cleaner for {@code client} on a typical job: the hybrid, or content only. */
    static double[] scoreAllCleaners(HybridRecommender m, Marketplace market, int client, boolean coldStart) {
        int n = Marketplace.CLEANERS;
        float[] x = new float[n * Marketplace.FEATURES];
        long[] clients = new long[n];
        long[] cleaners = new long[n];
        for (int c = 0; c < n; c++) {
            System.arraycopy(market.typicalJob(client, c), 0, x, c * Marketplace.FEATURES, Marketplace.FEATURES);
            clients[c] = client;
            cleaners[c] = c;
        }
        m.eval();
        try (MemoryScope scope = MemoryScope.open(); var noGrad = GradMode.noGrad()) {
            Tensor features = Tensor.of(NDArray.on().of(x, DType.F32, n, Marketplace.FEATURES));
            Tensor out = coldStart ? m.content(features) : m.forward(Tensor.of(NDArray.on().of(clients, DType.I64, n)),
                    Tensor.of(NDArray.on().of(cleaners, DType.I64, n)), features);
            return (double[]) out.data().to(DType.F64).toArray();
        } finally {
            m.train();
        }
    }

    /** The {@code k} best cleaners for {@code client}, best first. */
    public static int[] topCleaners(HybridRecommender m, Marketplace market, int client, int k, boolean coldStart) {
        double[] s = scoreAllCleaners(m, market, client, coldStart);
        List<Integer> ids = new ArrayList<>();
        for (int c = 0; c < s.length; c++) {
            ids.add(c);
        }
        ids.sort(Comparator.comparingDouble(c -> -s[c]));
        return ids.stream().limit(k).mapToInt(Integer::intValue).toArray();
    }
}
