package org.jgrad.examples.recommender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.jgrad.core.Generator;
import org.jgrad.nn.io.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommender run: the hybrid beats the content-only linear model (the marketplace's ratings depend on the
 * pair, which only the embeddings can learn), early stopping keeps the best epoch, and the saved checkpoint
 * restores the same model with its metadata.
 */
class RecommenderRunTest {
    @Test
    void hybridLearnsThePairsAndTheCheckpointRestoresIt(@TempDir Path dir) throws Exception {
        Marketplace m = Marketplace.generate(new Generator(2));
        RecommenderRun.Data d = RecommenderRun.Data.of(m, 2);
        Path ckpt = dir.resolve("rec.safetensors");
        RecommenderRun.Outcome o = RecommenderRun.train(d, 2, 200, ckpt);
        org.jgrad.examples.RegressionScores linear = RecommenderRun.contentOnlyLinear(d, 2);
        System.out.printf("[recommender] test R2: hybrid %.3f, content-only linear %.3f; kept epoch %d of %d%n",
                o.test().r2(), linear.r2(), o.bestEpoch(), o.curve().size());
        assertTrue(o.test().r2() > 0.3, "hybrid R2 " + o.test().r2());
        assertTrue(o.test().r2() > linear.r2() + 0.1, "hybrid " + o.test().r2() + " vs linear " + linear.r2());
        assertTrue(o.bestEpoch() <= o.curve().size(), "early stopping keeps an epoch it ran");
        double bestVal = o.curve().get(o.bestEpoch() - 1)[2];
        for (double[] epoch : o.curve()) {
            assertTrue(epoch[2] >= bestVal, "the kept epoch has the lowest validation loss");
        }

        HybridRecommender fresh = new HybridRecommender(new Generator(99));
        Map<String, String> meta = TrainingCheckpoint.restore(ckpt, fresh);
        assertEquals(Integer.toString(o.bestEpoch()), meta.get("epoch"));
        assertEquals(o.model().mix(), Double.parseDouble(meta.get("alpha")), 1e-12);
        assertArrayEquals(RecommenderRun.predict(o.model(), d.test()), RecommenderRun.predict(fresh, d.test()), 0.0,
                "the restored model predicts the same ratings");
        assertArrayEquals(RecommenderAnalysis.topCleaners(o.model(), m, 5, 10, false),
                RecommenderAnalysis.topCleaners(fresh, m, 5, 10, false), "serving from the checkpoint ranks the same");
        // A new client: only the content is known; it should still beat the mean, and fall short of knowing the pair.
        double cold = RecommenderRun.coldStartScores(o.model(), d).r2();
        assertTrue(cold > 0.05 && cold < o.test().r2(), "cold start R2 " + cold + " vs hybrid " + o.test().r2());
        long total = RecommenderRun.parameterCounts(o.model()).values().stream().mapToLong(Long::longValue).sum();
        assertEquals(32_448 + 13_504 + 26_881 + 15_297 + 1, total);
    }
}
