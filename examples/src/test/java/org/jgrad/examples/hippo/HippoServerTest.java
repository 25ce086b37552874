package org.jgrad.examples.hippo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service's contract, over real HTTP on a free port: the event stream of a run, 400 naming the field,
 * 409 while a run trains, status, and a client that disconnects stopping nothing.
 */
class HippoServerTest {
    private static HippoServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = HippoServer.start("127.0.0.1", 0, MnistSource.parse("drawn").load(1000, 200, 2), 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpRequest post(String body) {
        return HttpRequest.newBuilder(uri("/network/train")).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonObject status() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri("/network/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static void awaitIdle() throws Exception {
        for (int i = 0; i < 600 && status().get("state").getAsString().equals("training"); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void aRunStreamsOneEventPerEpochThenComplete() throws Exception {
        awaitIdle();
        HttpResponse<Stream<String>> r = CLIENT.send(post("{\"epochs\": 2, \"mini_batch_size\": 10,"
                + " \"learning_rate\": 3.0, \"use_test_data\": true}"), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> data = r.body().filter(l -> l.startsWith("data: ") || l.startsWith("event: ")).toList();
        assertEquals(4, data.size(), "two epochs, then the complete event: " + data);
        JsonObject first = JsonParser.parseString(data.get(0).substring(6)).getAsJsonObject();
        assertEquals(1, first.get("epoch").getAsInt());
        assertEquals(2, first.get("total_epochs").getAsInt());
        assertEquals(200, first.get("total_test_samples").getAsInt());
        int correct = first.get("accuracy").getAsInt();
        assertEquals(100.0 * correct / 200, first.get("accuracy_percent").getAsDouble(), 0.005);
        assertEquals("event: complete", data.get(2));
        JsonObject s = status();
        assertEquals("finished", s.get("state").getAsString());
        assertEquals(2, s.get("epochs_done").getAsInt());
    }

    @Test
    void badBodiesAre400NamingTheField() throws Exception {
        String[][] cases = {
            {"{\"epochs\": -1}", "epochs"},
            {"{\"epochs\": 2.5}", "epochs"},
            {"{\"learning_rate\": \"fast\"}", "learning_rate"},
            {"{\"use_test_data\": 1}", "use_test_data"},
            {"{\"mini_batch_size\": 0}", "mini_batch_size"},
            {"{\"epoch\": 3}", "epoch"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = CLIENT.send(post(c[0]), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), c[0]);
            JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals(c[1], body.get("field").getAsString(), c[0] + " -> " + r.body());
        }
        HttpResponse<String> broken = CLIENT.send(post("{\"epochs\": "), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, broken.statusCode());
        assertTrue(broken.body().contains("not valid JSON"), broken.body());
    }

    @Test
    void aSecondRunWhileOneTrainsIs409AndADisconnectStopsNothing() throws Exception {
        awaitIdle();
        int epochs = 150;
        CompletableFuture<HttpResponse<Stream<String>>> first = CLIENT.sendAsync(post("{\"epochs\": " + epochs + "}"),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> running = first.get();
        // Read the first epoch, then hang up.
        try (Stream<String> lines = running.body()) {
            assertTrue(lines.anyMatch(l -> l.startsWith("data: ")));
        }
        HttpResponse<String> second = CLIENT.send(post("{\"epochs\": 1}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, second.statusCode(), second.body());
        assertTrue(second.body().contains("in progress"), second.body());
        awaitIdle();
        JsonObject s = status();
        assertEquals("finished", s.get("state").getAsString(), s.toString());
        assertEquals(epochs, s.get("epochs_done").getAsInt(), "the run went on after its client left");
        HttpResponse<String> after = CLIENT.send(post("{\"epochs\": 1}"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode());
    }
}
