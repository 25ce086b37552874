package org.jgrad.examples.recommender;

import org.jgrad.core.Generator;

/**
 * A cleaning-services marketplace the project generates: 507 clients, 211 cleaners, 4 property types and about
 * 5,000 completed jobs, each rated in [0, 1]. Every client and cleaner has hidden preferences (3 numbers each):
 * how well a pair gets on is their dot product, which only the collaborative branch can learn from who rated
 * whom; as on real marketplaces, 70% of a client's jobs go to one of its 3 regular cleaners, so pairs repeat.
 * Each job also has 34 content features, some of which move the rating for everybody:
 * <pre>
 *   0-3    property type, one-hot (flat, house, office, villa)
 *   4-10   distance (km), price per hour, cleaner's experience (years), job hours, client's tenure (months),
 *          cleaner's average past rating, weekend (0/1)               (standardised)
 *   11-18  the cleaner's 8 specialties (multi-hot)
 *   19-26  the client's 8 needs (multi-hot)
 *   27-33  specialty i matches need i, for i = 0..6 (0/1)
 * </pre>
 * rating = sigmoid(2.5 affinity - 0.35 distance - 0.25 price + 0.3 experience + 0.35 past rating
 * + 0.25 matches + property bias + noise (sd 0.3)).
 *
 * <pre>{@code
 * Marketplace m = Marketplace.generate(new Generator(1));   // m.jobs() == 5000
 * }</pre>
 */
public record Marketplace(int[] client, int[] cleaner, float[][] features, float[] rating, People people) {
    public static final int CLIENTS = 507;
    public static final int CLEANERS = 211;
    public static final int PROPERTY_TYPES = 4;
    public static final int FEATURES = 34;
    public static final int JOBS = 5000;
    static final int TASTE = 3;
    static final String[] FEATURE_NAMES = featureNames();

    public int jobs() {
        return rating.length;
    }

    /** Who the clients and cleaners are: the hidden tastes and the attributes the features come from. */
    public record People(double[][] clientTaste, double[][] cleanerTaste, boolean[][] specialties, boolean[][] needs,
                         double[] experience, double[] pastRating, double[] price, double[] tenure, int[] property) {
    }

    /**
     * The features of a typical job (average distance and hours, a weekday) of {@code client} with {@code cleaner}:
     * what a model sees when ranking cleaners for a client.
     */
    public float[] typicalJob(int client, int cleaner) {
        People p = people;
        float[] f = new float[FEATURES];
        f[p.property()[client]] = 1;
        f[5] = (float) p.price()[cleaner];
        f[6] = (float) p.experience()[cleaner];
        f[8] = (float) p.tenure()[client];
        f[9] = (float) p.pastRating()[cleaner];
        for (int i = 0; i < 8; i++) {
            f[11 + i] = p.specialties()[cleaner][i] ? 1 : 0;
            f[19 + i] = p.needs()[client][i] ? 1 : 0;
            if (i < 7 && p.specialties()[cleaner][i] && p.needs()[client][i]) {
                f[27 + i] = 1;
            }
        }
        return f;
    }

    private static String[] featureNames() {
        String[] n = new String[FEATURES];
        String[] props = {"flat", "house", "office", "villa"};
        for (int i = 0; i < 4; i++) {
            n[i] = "property_" + props[i];
        }
        String[] numeric = {"distance", "price", "experience", "hours", "tenure", "past_rating", "weekend"};
        System.arraycopy(numeric, 0, n, 4, 7);
        for (int i = 0; i < 8; i++) {
            n[11 + i] = "specialty_" + i;
            n[19 + i] = "need_" + i;
        }
        for (int i = 0; i < 7; i++) {
            n[27 + i] = "match_" + i;
        }
        return n;
    }

    /** The hidden preferences and the jobs drawn from them. */
    public static Marketplace generate(Generator gen) {
        double[][] clientTaste = taste(CLIENTS, gen);
        double[][] cleanerTaste = taste(CLEANERS, gen);
        boolean[][] specialties = flags(CLEANERS, 0.3, gen);
        double[] experience = new double[CLEANERS];
        double[] pastRating = new double[CLEANERS];
        double[] price = new double[CLEANERS];
        for (int c = 0; c < CLEANERS; c++) {
            experience[c] = gen.nextGaussian();
            pastRating[c] = gen.nextGaussian();
            price[c] = 0.5 * experience[c] + gen.nextGaussian();
        }
        boolean[][] needs = flags(CLIENTS, 0.3, gen);
        double[] tenure = new double[CLIENTS];
        int[] property = new int[CLIENTS];
        for (int u = 0; u < CLIENTS; u++) {
            tenure[u] = gen.nextGaussian();
            property[u] = (int) (gen.nextDouble() * PROPERTY_TYPES);
        }
        double[] propertyBias = {0.1, 0.0, -0.2, 0.15};
        int[][] regulars = new int[CLIENTS][3];
        for (int[] r : regulars) {
            for (int k = 0; k < 3; k++) {
                r[k] = (int) (gen.nextDouble() * CLEANERS);
            }
        }
        int[] client = new int[JOBS];
        int[] cleaner = new int[JOBS];
        float[][] x = new float[JOBS][FEATURES];
        float[] rating = new float[JOBS];
        for (int j = 0; j < JOBS; j++) {
            int u = (int) (gen.nextDouble() * CLIENTS);
            int c = gen.nextDouble() < 0.7 ? regulars[u][(int) (gen.nextDouble() * 3)]
                    : (int) (gen.nextDouble() * CLEANERS);
            client[j] = u;
            cleaner[j] = c;
            double distance = gen.nextGaussian();
            double hours = gen.nextGaussian();
            double weekend = gen.nextDouble() < 2.0 / 7 ? 1 : 0;
            float[] f = x[j];
            f[property[u]] = 1;
            f[4] = (float) distance;
            f[5] = (float) price[c];
            f[6] = (float) experience[c];
            f[7] = (float) hours;
            f[8] = (float) tenure[u];
            f[9] = (float) pastRating[c];
            f[10] = (float) weekend;
            int matches = 0;
            for (int i = 0; i < 8; i++) {
                f[11 + i] = specialties[c][i] ? 1 : 0;
                f[19 + i] = needs[u][i] ? 1 : 0;
                if (i < 7 && specialties[c][i] && needs[u][i]) {
                    f[27 + i] = 1;
                    matches++;
                }
            }
            double affinity = 0;
            for (int k = 0; k < TASTE; k++) {
                affinity += clientTaste[u][k] * cleanerTaste[c][k];
            }
            double logit = 2.5 * affinity - 0.35 * distance - 0.25 * price[c] + 0.3 * experience[c]
                    + 0.35 * pastRating[c] + 0.25 * matches + propertyBias[property[u]] + 0.3 * gen.nextGaussian();
            rating[j] = (float) (1 / (1 + Math.exp(-logit)));
        }
        return new Marketplace(client, cleaner, x, rating, new People(clientTaste, cleanerTaste, specialties, needs,
                experience, pastRating, price, tenure, property));
    }

    private static double[][] taste(int n, Generator gen) {
        double[][] t = new double[n][TASTE];
        for (double[] row : t) {
            for (int k = 0; k < TASTE; k++) {
                row[k] = gen.nextGaussian() / Math.sqrt(TASTE);
            }
        }
        return t;
    }

    private static boolean[][] flags(int n, double p, Generator gen) {
        boolean[][] f = new boolean[n][8];
        for (boolean[] row : f) {
            for (int i = 0; i < 8; i++) {
                row[i] = gen.nextDouble() < p;
            }
        }
        return f;
    }
}
