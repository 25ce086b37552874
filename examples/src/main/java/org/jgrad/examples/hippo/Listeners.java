package org.jgrad.examples.hippo;

import java.util.List;

/** Combines {@link HippoTrainer.Listener}s: each hears every event, in order. */
final class Listeners {
    private Listeners() {
    }

    static HippoTrainer.Listener both(HippoTrainer.Listener a, HippoTrainer.Listener b) {
        return new HippoTrainer.Listener() {
            @Override
            public void epochStart(int epoch, int totalEpochs) {
                a.epochStart(epoch, totalEpochs);
                b.epochStart(epoch, totalEpochs);
            }

            @Override
            public void batchDone(int epoch, int done, int batches) {
                a.batchDone(epoch, done, batches);
                b.batchDone(epoch, done, batches);
            }

            @Override
            public void miniBatch(int epoch, int index, int size, List<HippoTrainer.Stats> weightGrads,
                                  List<HippoTrainer.Stats> biasGrads) {
                a.miniBatch(epoch, index, size, weightGrads, biasGrads);
                b.miniBatch(epoch, index, size, weightGrads, biasGrads);
            }

            @Override
            public void epochEnd(HippoTrainer.EpochResult result, List<HippoTrainer.Stats> weights) {
                a.epochEnd(result, weights);
                b.epochEnd(result, weights);
            }

            @Override
            public void complete(HippoTrainer.EpochResult last, double seconds) {
                a.complete(last, seconds);
                b.complete(last, seconds);
            }
        };
    }
}
