package org.jgrad.examples.hippo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven through the Chrome DevTools Protocol over the JDK's WebSocket client:
 * open a page, evaluate JavaScript in it, take a screenshot. Enough for an end-to-end test without Selenium.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.open("http://127.0.0.1:8080/")) {
 *     browser.eval("document.title");
 * }
 * }</pre>
 */
final class HeadlessChromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser on PATH ({@code chromium}, {@code chromium-browser}, {@code google-chrome}), if any. */
    static Optional<String> find() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    static HeadlessChromium open(String binary, String url) throws Exception {
        Path profile = Files.createTempDirectory("hippo-chromium");
        Process p = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-background-networking",
                "--disable-gpu", "--no-first-run", "--window-size=1100,900", "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String devtools = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (devtools == null && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = listening.matcher(line);
            if (m.find()) {
                devtools = m.group(1);
            }
        }
        if (devtools == null) {
            p.destroyForcibly();
            throw new IOException("chromium did not report its DevTools endpoint within 30 s");
        }
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // keep the pipe empty
                }
            } catch (IOException ignored) {
                // the browser went away
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI base = URI.create(devtools.replace("ws://", "http://"));
        String page = pageSocket(URI.create("http://" + base.getAuthority() + "/json/list"), url);
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(page),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            self[0].receive(text.toString());
                            text.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, profile, ws);
        return self[0];
    }

    /** The WebSocket URL of the tab showing {@code url} (waits for it to appear). */
    private static String pageSocket(URI list, String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 100; i++) {
            JsonArray targets = JsonParser.parseString(http.send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            for (JsonElement t : targets) {
                JsonObject o = t.getAsJsonObject();
                if (o.get("type").getAsString().equals("page") && o.get("url").getAsString().startsWith(url)) {
                    return o.get("webSocketDebuggerUrl").getAsString();
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("no tab for " + url + " in " + list);
    }

    private void receive(String message) {
        JsonObject o = JsonParser.parseString(message).getAsJsonObject();
        if (o.has("id")) {
            CompletableFuture<JsonObject> f = pending.remove(o.get("id").getAsInt());
            if (f != null) {
                f.complete(o);
            }
        }
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(id, f);
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        socket.sendText(msg.toString(), true).get(10, TimeUnit.SECONDS);
        JsonObject reply = f.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.getAsJsonObject("result");
    }

    /** The value of a JavaScript expression in the page (its JSON form), or null for undefined. */
    JsonElement eval(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", params).getAsJsonObject("result");
        return result.get("value");
    }

    /** A PNG of the page as it looks now. */
    byte[] screenshot() throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").getAsString());
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
