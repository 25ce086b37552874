package org.jgrad.examples.hippo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * hippo as a service, on the JDK's own HTTP server: one training run at a time, its progress streamed as
 * Server-Sent Events.
 * <ul>
 *   <li>{@code POST /network/train} with {@code {"epochs": 30, "mini_batch_size": 10, "learning_rate": 3.0,
 *       "use_test_data": true}} (each optional) answers {@code text/event-stream}: after each epoch
 *       {@code data: {"epoch": 1, "total_epochs": 30, "accuracy": 8234, "accuracy_percent": 82.34,
 *       "total_test_samples": 10000}}, then {@code event: complete}. 409 while another run trains; 400 naming the
 *       field for a bad body. A client that disconnects stops nothing: the run finishes.</li>
 *   <li>{@code GET /network/status}: {@code {"state": "idle" | "training" | "finished" | "failed", ...}} with
 *       every epoch's event so far.</li>
 *   <li>{@code GET /}: the dashboard, which starts a run and draws accuracy and cost per epoch as they come, and
 *       each layer's gradient statistics.</li>
 * </ul>
 *
 * <pre>{@code
 * try (HippoServer s = HippoServer.start("127.0.0.1", 8080, data, 1)) { ... }
 * }</pre>
 */
public final class HippoServer implements AutoCloseable {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final MnistSource.Data data;
    private final long seed;
    private final AtomicBoolean training = new AtomicBoolean();
    private final List<Map<String, Object>> history = new ArrayList<>();
    private volatile String state = "idle";
    private volatile String error;
    private volatile int totalEpochs;

    private HippoServer(HttpServer http, MnistSource.Data data, long seed) {
        this.http = http;
        this.data = data;
        this.seed = seed;
    }

    /** Starts serving on {@code host:port} ({@code port} 0: any free port, see {@link #port()}). */
    public static HippoServer start(String host, int port, MnistSource.Data data, long seed) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        HippoServer s = new HippoServer(http, data, seed);
        http.setExecutor(s.executor);
        http.createContext("/network/train", s::train);
        http.createContext("/network/status", s::status);
        http.createContext("/", s::page);
        http.start();
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    private static void json(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, Object> error(String message, String field) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (field != null) {
            m.put("field", field);
        }
        return m;
    }

    private void status(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            json(ex, 405, error("use GET /network/status", null));
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        synchronized (history) {
            m.put("epochs_done", history.size());
            m.put("total_epochs", totalEpochs);
            m.put("history", new ArrayList<>(history));
        }
        if (error != null) {
            m.put("error", error);
        }
        json(ex, 200, m);
    }

    /** The dashboard ({@code dashboard.html}, self-contained: its charts are SVG drawn by its own script). */
    private void page(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            json(ex, 404, error("no page at " + path + "; the dashboard is at /, the API is POST /network/train and"
                    + " GET /network/status", null));
            return;
        }
        byte[] html;
        try (var in = HippoServer.class.getResourceAsStream("dashboard.html")) {
            html = in.readAllBytes();
        }
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, html.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(html);
        }
    }

    private void train(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                json(ex, 405, error("use POST /network/train", null));
                return;
            }
            TrainRequest req;
            try {
                req = TrainRequest.parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (TrainRequest.Invalid e) {
                json(ex, 400, error(e.getMessage(), e.field()));
                return;
            }
            if (!training.compareAndSet(false, true)) {
                json(ex, 409, error("a training run is in progress (epoch " + history.size() + " of " + totalEpochs
                        + "); wait for it, or watch it with GET /network/status", null));
                return;
            }
            try {
                run(ex, req);
            } finally {
                training.set(false);
            }
        }
    }

    private void run(HttpExchange ex, TrainRequest req) throws IOException {
        synchronized (history) {
            history.clear();
            totalEpochs = req.epochs();
        }
        state = "training";
        error = null;
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        EventStream events = new EventStream(ex.getResponseBody());
        HippoTrainer trainer = new HippoTrainer(data, req.epochs(), req.miniBatchSize(), req.learningRate(),
                HippoTrainer.Form.AUTOGRAD, seed, req.useTestData());
        try {
            trainer.run(new HippoTrainer.Listener() {
                private List<Map<String, Object>> gradients = List.of();

                @Override
                public void miniBatch(int epoch, int index, int size, List<HippoTrainer.Stats> weightGrads,
                                      List<HippoTrainer.Stats> biasGrads) {
                    List<Map<String, Object>> layers = new ArrayList<>();
                    for (int l = 0; l < weightGrads.size(); l++) {
                        layers.add(Map.of("layer", l + 1, "weight_grad_mean", weightGrads.get(l).mean(),
                                "weight_grad_max", weightGrads.get(l).maxAbs(), "bias_grad_mean", biasGrads.get(l).mean(),
                                "bias_grad_max", biasGrads.get(l).maxAbs()));
                    }
                    gradients = layers;
                }

                @Override
                public void epochEnd(HippoTrainer.EpochResult r, List<HippoTrainer.Stats> weights) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("epoch", r.epoch());
                    e.put("total_epochs", r.totalEpochs());
                    if (r.total() > 0) {
                        e.put("accuracy", r.correct());
                        e.put("accuracy_percent", Math.round(r.percent() * 100) / 100.0);
                        e.put("total_test_samples", r.total());
                        e.put("cost", r.cost());
                    }
                    e.put("seconds", r.seconds());
                    e.put("gradients", gradients);
                    synchronized (history) {
                        history.add(e);
                    }
                    events.send(null, GSON.toJson(e));
                }

                @Override
                public void complete(HippoTrainer.EpochResult last, double seconds) {
                    events.send("complete", GSON.toJson(Map.of("epochs", req.epochs(), "seconds", seconds)));
                }
            });
            state = "finished";
        } catch (RuntimeException e) {
            state = "failed";
            error = e.toString();
            events.send("error", GSON.toJson(error(e.toString(), null)));
        }
    }

    /**
     * Server-Sent Events to one client. A client that has gone stops receiving (the first failed write marks it
     * gone) and nothing else: the run goes on.
     */
    private static final class EventStream {
        private final OutputStream out;
        private boolean gone;

        EventStream(OutputStream out) {
            this.out = out;
        }

        void send(String event, String json) {
            if (gone) {
                return;
            }
            String text = (event == null ? "" : "event: " + event + "\n") + "data: " + json + "\n\n";
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                gone = true;
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
