package org.jgrad.examples.hippo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * End to end in a real browser: the server serves the dashboard, headless Chromium opens it, a 2-epoch run is
 * started from the page's button, and the accuracy chart ends with 2 points. Skips, saying why, where Chromium is
 * not installed (scripts/install-learners.sh installs it; CI runs it).
 */
class HippoDashboardTest {
    @Test
    void dashboardStartsARunAndChartsEachEpoch() throws Exception {
        Optional<String> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            System.out.println("[hippo] dashboard test skipped: no chromium on PATH (scripts/install-learners.sh)");
        }
        assumeTrue(chromium.isPresent(), "no chromium on PATH: run scripts/install-learners.sh");
        try (HippoServer server = HippoServer.start("127.0.0.1", 0, MnistSource.parse("drawn").load(1000, 200, 3), 1);
             HeadlessChromium browser = HeadlessChromium.open(chromium.get(),
                     "http://127.0.0.1:" + server.port() + "/")) {
            waitFor(browser, "document.readyState === 'complete' && typeof window.hippo === 'object'", 30);
            assertEquals(0, browser.eval("window.hippo.points()").getAsInt(), "no run yet, no points");
            browser.eval("document.getElementById('epochs').value = 2; document.getElementById('start').click(); true");
            waitFor(browser, "window.hippo.status().startsWith('finished')", 60);
            assertEquals(2, browser.eval("window.hippo.points()").getAsInt(), "the chart should show both epochs");
            assertEquals(2, browser.eval("document.querySelectorAll('#cost-chart .point').length").getAsInt());
            assertEquals(2, browser.eval("document.querySelectorAll('#gradients tbody tr').length").getAsInt(),
                    "a row of gradient statistics per layer");
            // A run started elsewhere (over the API) shows up on a freshly opened page and grows as it trains.
            java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/network/train"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"epochs\": 40}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest status = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + "/network/status")).build();
            for (int i = 0; i < 200 && !http.send(status, java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                    .contains("\"state\":\"training\""); i++) {
                Thread.sleep(25);
            }
            browser.eval("location.reload(); true");
            waitFor(browser, "typeof window.hippo === 'object' && window.hippo.points() >= 3", 60);
            Path shot = Path.of("target", "hippo-dashboard.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, browser.screenshot());
            assertTrue(Files.size(shot) > 1000);
        }
    }

    private static void waitFor(HeadlessChromium browser, String condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonElement v = browser.eval(condition);
            if (v != null && v.isJsonPrimitive() && v.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page did not reach '" + condition + "' within " + seconds + " s; status: "
                + browser.eval("window.hippo ? window.hippo.status() : document.body.innerText"));
    }
}
