package org.jgrad.bench.peers;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The rows of the comparison table (issue 8): each a workload id shared with {@code torch_workloads.py}, a
 * title, what is measured and how the jgrad side is built.
 *
 * <pre>{@code
 * PeerRow row = PeerRow.byId("gpt-train");
 * Measurement m = Sampler.measure(row.create(), row.metric(), Protocol.DEFAULT);
 * }</pre>
 */
public enum PeerRow {
    MLP5000_TRAIN("mlp5000-train", "MLP 5000-128-64-(64x5)-1 ReLU, MSE, Adam, batch 64 (sparse 0/1 input, 2% ones)",
            Metric.stepsPerSecond(), MlpWideTraining::new),
    MLP784_B10("mlp784-b10", "MLP 784-30-10 sigmoid, quadratic cost, SGD lr 3.0, batch 10",
            Metric.stepsPerSecond(), () -> new SigmoidMlpTraining(10)),
    MLP784_B64("mlp784-b64", "same, batch 64", Metric.stepsPerSecond(), () -> new SigmoidMlpTraining(64)),
    GPT_TRAIN("gpt-train", "char GPT: 2 pre-LN blocks, d 128, 4 heads, ff 512, T 64, vocab 96, AdamW, batch 16",
            Metric.throughput("tokens/s", CharGptTraining.tokensPerStep()), CharGptTraining::new),
    RECOMMENDER_TRAIN("recommender-train", "recommender: embeddings 507x64 + 211x64 -> MLP 128-128-64-32-1, Dropout"
            + " 0.2; content 34-128-64-32-1, BatchNorm1d; sigmoid mix; Adam, batch 256",
            Metric.stepsPerSecond(), RecommenderTraining::new),
    CNN_TRAIN("cnn-train", "CNN conv3x3(16)-pool-conv3x3(32)-pool-64-10 (product search's image encoder), cross-entropy,"
            + " Adam, batch 64 of 28x28", Metric.stepsPerSecond(), CnnTraining::new),
    MLP5000_INFER_B1("mlp5000-infer-b1", "inference of the 5000-wide MLP, batch 1, p50 latency",
            Metric.latencyMicros(), () -> new MlpWideInference(1)),
    MLP5000_INFER_B256("mlp5000-infer-b256", "same, batch 256 (no grad)", Metric.throughput("samples/s", 256),
            () -> new MlpWideInference(256)),
    MATMUL_256("matmul-256", "float32 matmul n = 256", MatmulWorkload.metric(256, 256, 256),
            () -> new MatmulWorkload(256, 256, 256, false)),
    MATMUL_512("matmul-512", "float32 matmul n = 512", MatmulWorkload.metric(512, 512, 512),
            () -> new MatmulWorkload(512, 512, 512, false)),
    MATMUL_1024("matmul-1024", "float32 matmul n = 1024", MatmulWorkload.metric(1024, 1024, 1024),
            () -> new MatmulWorkload(1024, 1024, 1024, false)),
    XWT_1("xwt-1x5000x128", "x @ W^T: x [1, 5000], W [128, 5000]", MatmulWorkload.metric(1, 5000, 128),
            () -> new MatmulWorkload(1, 5000, 128, true)),
    XWT_64("xwt-64x5000x128", "x @ W^T: x [64, 5000], W [128, 5000]", MatmulWorkload.metric(64, 5000, 128),
            () -> new MatmulWorkload(64, 5000, 128, true)),
    XWT_256("xwt-256x5000x128", "x @ W^T: x [256, 5000], W [128, 5000]", MatmulWorkload.metric(256, 5000, 128),
            () -> new MatmulWorkload(256, 5000, 128, true)),
    XWT_GPT_FF("xwt-1024x128x512", "x @ W^T: x [1024, 128], W [512, 128] (GPT feed-forward)",
            MatmulWorkload.metric(1024, 128, 512), () -> new MatmulWorkload(1024, 128, 512, true)),
    XWT_REC("xwt-256x128x128", "x @ W^T: x [256, 128], W [128, 128] (recommender)",
            MatmulWorkload.metric(256, 128, 128), () -> new MatmulWorkload(256, 128, 128, true)),
    ADD_INPLACE("add-inplace-16m", "in-place add of 16M floats (a.add_(b))", AddWorkload.metric(),
            () -> new AddWorkload(true)),
    ADD_ALLOC("add-alloc-16m", "allocating add of 16M floats (a.add(b), a new result)", AddWorkload.metric(),
            () -> new AddWorkload(false));

    /** What {@code --quick} runs: one training row, the latency row, a matmul and the in-place add. */
    public static final List<PeerRow> QUICK = List.of(MLP784_B10, MLP5000_INFER_B1, MATMUL_256, ADD_INPLACE);

    private final String id;
    private final String title;
    private final Metric metric;
    private final Supplier<PeerWorkload> factory;

    PeerRow(String id, String title, Metric metric, Supplier<PeerWorkload> factory) {
        this.id = id;
        this.title = title;
        this.metric = metric;
        this.factory = factory;
    }

    /** The id both sides know the workload by. */
    public String id() {
        return id;
    }

    /** The table's description of the workload. */
    public String title() {
        return title;
    }

    public Metric metric() {
        return metric;
    }

    /** Builds the jgrad side: model, optimizer and data pool, before any timing. */
    public PeerWorkload create() {
        return factory.get();
    }

    /** The row with this id, or an error listing the ids. */
    public static PeerRow byId(String id) {
        for (PeerRow r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: " + ids());
    }

    /** All ids, comma-separated, in table order. */
    public static String ids() {
        return Arrays.stream(values()).map(PeerRow::id).collect(Collectors.joining(", "));
    }
}
