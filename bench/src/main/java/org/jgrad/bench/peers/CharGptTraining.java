package org.jgrad.bench.peers;

import org.jgrad.autograd.Tensor;
import org.jgrad.core.Generator;
import org.jgrad.nn.optim.AdamW;

/**
 * Training the {@link CharGpt}: cross-entropy of next-symbol predictions on random sequences, AdamW lr 3e-4,
 * weight decay 0.01, batch 16 of 64 tokens; reported in tokens per second.
 */
final class CharGptTraining implements PeerWorkload {
    static final int BATCH = 16;

    private final CharGpt model;
    private final AdamW optimizer;
    private final PeerData.Pool<Tensor[]> data;

    CharGptTraining() {
        Generator gen = new Generator(PeerData.SEED);
        model = new CharGpt(gen);
        optimizer = new AdamW(model.parameters(), new AdamW.Options().lr(3e-4).weightDecay(0.01));
        data = PeerData.pool(() -> sequences(gen));
    }

    /** Inputs {@code [B, T]} and targets (the same sequences shifted by one). */
    private static Tensor[] sequences(Generator gen) {
        int t = CharGpt.CONTEXT;
        long[][] x = new long[BATCH][t];
        long[][] y = new long[BATCH][t];
        for (int b = 0; b < BATCH; b++) {
            long[] seq = PeerData.randomInts(t + 1, CharGpt.VOCAB, gen);
            System.arraycopy(seq, 0, x[b], 0, t);
            System.arraycopy(seq, 1, y[b], 0, t);
        }
        return new Tensor[] {Tensor.of(x), Tensor.of(y)};
    }

    @Override
    public Tensor step() {
        Tensor[] b = data.next();
        optimizer.zeroGrad();
        Tensor logits = model.forward(b[0]);
        Tensor loss = logits.reshape(-1, CharGpt.VOCAB).crossEntropy(b[1].reshape(-1));
        loss.backward();
        optimizer.step();
        return loss;
    }

    static double tokensPerStep() {
        return BATCH * CharGpt.CONTEXT;
    }
}
