package org.jgrad.examples.gpt;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jgrad.autograd.GradMode;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.jgrad.core.Generator;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.MemoryScope;
import org.jgrad.examples.Cli;
import org.jgrad.nn.optim.AdamW;
import org.jgrad.nn.optim.CosineAnnealingLR;
import org.jgrad.nn.optim.GradClip;
import org.jgrad.nn.optim.LRScheduler;
import org.jgrad.nn.optim.LinearLR;
import org.jgrad.nn.optim.SequentialLR;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains a {@link TinyGpt} on characters: AdamW with a linear warm-up then cosine decay, gradient clipping at
 * norm 1, batches of random windows; reports the validation loss in bits per character against the unigram and
 * bigram baselines, then samples text from a prompt with temperature and top-k.
 *
 * <pre>
 * ./jgrad example gpt.GptRun [--text FILE] [--steps 1500] [--prompt "the "] [--temperature 0.8] [--top-k 10]
 * </pre>
 */
@Command(name = "gpt", mixinStandardHelpOptions = true,
        description = "Train a tiny character-level GPT and sample from it.")
public final class GptRun implements Callable<Integer> {
    @Option(names = "--text", description = "a UTF-8 text file or folder (default: Debian's licence texts,"
            + " ${DEFAULT-VALUE})")
    Path text = CharCorpus.DEBIAN_LICENSES;
    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    int steps = 1500;
    @Option(names = "--layers", description = "transformer blocks (default ${DEFAULT-VALUE})")
    int layers = 2;
    @Option(names = "--d-model", description = "width (default ${DEFAULT-VALUE})")
    int dModel = 128;
    @Option(names = "--heads", description = "attention heads (default ${DEFAULT-VALUE})")
    int heads = 4;
    @Option(names = "--context", description = "characters of context (default ${DEFAULT-VALUE})")
    int context = 64;
    @Option(names = "--lr", description = "peak AdamW learning rate (default ${DEFAULT-VALUE})")
    double lr = 3e-3;
    @Option(names = "--prompt", description = "where sampling starts (default ${DEFAULT-VALUE})")
    String prompt = "The ";
    @Option(names = "--temperature", description = "sampling temperature (default ${DEFAULT-VALUE})")
    double temperature = 0.8;
    @Option(names = "--top-k", description = "sample among the k likeliest characters (default ${DEFAULT-VALUE})")
    int topK = 10;
    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--sinusoidal", description = "fixed sinusoidal positions instead of learned ones")
    boolean sinusoidal;
    @Option(names = "--heatmap", description = "PNG of every head's attention on the first 32 characters of the"
            + " sample (default ${DEFAULT-VALUE})")
    Path heatmap = Path.of("reports", "gpt-attention.png");
    static final int BATCH = 16;

    public static void main(String[] args) {
        System.exit(Cli.run(new GptRun(), args));
    }

    /** A batch of random windows: inputs {@code [B, T]} and the targets, the same windows shifted by one. */
    static Tensor[] batch(int[] ids, int t, int b, Generator gen) {
        long[] x = new long[b * t];
        long[] y = new long[b * t];
        for (int i = 0; i < b; i++) {
            int start = (int) (gen.nextDouble() * (ids.length - t - 1));
            for (int k = 0; k < t; k++) {
                x[i * t + k] = ids[start + k];
                y[i * t + k] = ids[start + k + 1];
            }
        }
        return new Tensor[] {Tensor.of(NDArray.on().of(x, DType.I64, b, t)), Tensor.of(NDArray.on().of(y, DType.I64, b * t))};
    }

    /** Validation loss in bits per character over consecutive windows covering the validation text. */
    static double validationBits(TinyGpt gpt, int[] validation, int t) {
        gpt.eval();
        double nats = 0;
        int windows = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (int start = 0; start + t + 1 <= validation.length && windows < 64; start += t, windows++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    long[] x = new long[t];
                    long[] y = new long[t];
                    for (int k = 0; k < t; k++) {
                        x[k] = validation[start + k];
                        y[k] = validation[start + k + 1];
                    }
                    Tensor logits = gpt.forward(Tensor.of(NDArray.on().of(x, DType.I64, 1, t)));
                    nats += logits.reshape(t, -1).crossEntropy(Tensor.of(NDArray.on().of(y, DType.I64, t))).item();
                }
            }
        } finally {
            gpt.train();
        }
        return nats / windows / Math.log(2);
    }

    /** The training run: returns the validation bits per character measured at the end. */
    static double train(TinyGpt gpt, CharCorpus corpus, int steps, double lr, int t, long seed, boolean print) {
        // Sinusoidal positions are a frozen table: only what requires grad is trained and clipped.
        List<Tensor> trainable = gpt.parameters().stream().filter(Tensor::requiresGrad).toList();
        AdamW opt = new AdamW(trainable, new AdamW.Options().lr(lr).weightDecay(0.01));
        int warmUp = Math.max(1, steps / 10);
        LRScheduler up = new LinearLR(opt, 0.01, 1.0, warmUp);
        LRScheduler down = new CosineAnnealingLR(opt, Math.max(1, steps - warmUp), lr / 20);
        SequentialLR schedule = new SequentialLR(opt, List.of(up, down), new int[] {warmUp});
        Generator gen = new Generator(seed + 5);
        double running = Double.NaN;
        for (int step = 1; step <= steps; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor[] b = batch(corpus.train(), t, BATCH, gen);
                opt.zeroGrad();
                Tensor loss = gpt.forward(b[0]).reshape(BATCH * t, -1).crossEntropy(b[1]);
                loss.backward();
                GradClip.clipGradNormTensor(trainable, 1.0, 2.0);   // no host read (matters on a GPU)
                opt.step();
                double l = loss.item() / Math.log(2);
                running = Double.isNaN(running) ? l : 0.95 * running + 0.05 * l;
            }
            schedule.step();
            if (print && (step % 250 == 0 || step == steps)) {
                System.out.printf("step %5d  train %.3f bits/char  validation %.3f bits/char  lr %.5f%n", step, running,
                        validationBits(gpt, corpus.validation(), t), schedule.lastLr()[0]);
            }
        }
        return validationBits(gpt, corpus.validation(), t);
    }

    /** {@code length} characters after {@code prompt}, sampled with temperature and top-k. */
    static String sample(TinyGpt gpt, CharCorpus corpus, String prompt, int length, double temperature, int topK,
                         Generator gen) {
        StringBuilder out = new StringBuilder(prompt);
        gpt.eval();
        try (var noGrad = GradMode.noGrad()) {
            for (int i = 0; i < length; i++) {
                String window = out.length() > gpt.context ? out.substring(out.length() - gpt.context) : out.toString();
                int[] ids = corpus.encode(window);
                long[] x = new long[ids.length];
                for (int k = 0; k < ids.length; k++) {
                    x[k] = ids[k];
                }
                double[] logits;
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor all = gpt.forward(Tensor.of(NDArray.on().of(x, DType.I64, 1, ids.length)));
                    logits = (double[]) all.data().select(1, ids.length - 1).reshape(-1).to(DType.F64).toArray();
                }
                out.append(corpus.vocab()[pick(logits, temperature, topK, gen)]);
            }
        } finally {
            gpt.train();
        }
        return out.toString();
    }

    /** A draw from softmax(logits / temperature) over the top-k logits. */
    static int pick(double[] logits, double temperature, int topK, Generator gen) {
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(logits[b], logits[a]));
        int k = Math.min(topK, logits.length);
        double[] p = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp((logits[order[i]] - logits[order[0]]) / temperature);
            sum += p[i];
        }
        double u = gen.nextDouble() * sum;
        for (int i = 0; i < k; i++) {
            u -= p[i];
            if (u <= 0) {
                return order[i];
            }
        }
        return order[k - 1];
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = new CommandLine(this);
        if (steps < 1 || layers < 1 || dModel < 1 || heads < 1 || dModel % heads != 0 || context < 2 || topK < 1
                || !(temperature > 0) || !(lr > 0)) {
            throw new CommandLine.ParameterException(cmd, "--steps, --layers, --heads, --top-k must be positive,"
                    + " --d-model a multiple of --heads, --context at least 2, --temperature and --lr positive");
        }
        CharCorpus corpus = CharCorpus.load(text);
        corpus.encode(prompt);
        System.out.printf("corpus: %s, %,d characters (%,d train, %,d validation), %d distinct%n", text,
                corpus.text().length(), corpus.train().length, corpus.validation().length, corpus.vocabSize());
        System.out.printf("baselines on the validation text: unigram %.3f bits/char, bigram %.3f bits/char%n",
                corpus.unigramBits(), corpus.bigramBits());
        TinyGpt gpt = new TinyGpt(corpus.vocabSize(), layers, dModel, heads, context, 0.1, sinusoidal,
                new Generator(seed));
        System.out.printf("model: %d layers, d %d, %d heads, context %d, %s positions, %,d trainable parameters;"
                + " AdamW, warm-up %d steps, cosine decay, clip 1.0, batch %d%n", layers, dModel, heads, context,
                sinusoidal ? "sinusoidal" : "learned", gpt.parameters().stream().filter(Tensor::requiresGrad)
                        .mapToLong(Tensor::numel).sum(), Math.max(1, steps / 10), BATCH);
        double bits = train(gpt, corpus, steps, lr, context, seed, true);
        System.out.printf("validation: %.3f bits/char (unigram %.3f, bigram %.3f)%n", bits, corpus.unigramBits(),
                corpus.bigramBits());
        System.out.println("sample (temperature " + temperature + ", top-k " + topK + "):");
        String text = sample(gpt, corpus, prompt, 300, temperature, topK, new Generator(seed + 9));
        System.out.println(text);
        String shown = text.substring(0, Math.min(32, Math.min(context, text.length())));
        int[] ids = corpus.encode(shown);
        long[] x = java.util.Arrays.stream(ids).asLongStream().toArray();
        java.nio.file.Files.createDirectories(heatmap.toAbsolutePath().getParent());
        AttentionHeatmap.write(gpt.attentionMaps(Tensor.of(NDArray.on().of(x, DType.I64, 1, x.length))), shown, heatmap);
        System.out.println("attention of every head on \"" + shown.replace("\n", "\\n") + "\": " + heatmap);
        return 0;
    }
}
