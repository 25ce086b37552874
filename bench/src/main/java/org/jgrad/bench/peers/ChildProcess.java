package org.jgrad.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one worker process to its end and hands back its output lines (stdout and stderr merged), or says
 * why it failed: a non-zero exit, a time-out, or no result line.
 */
final class ChildProcess {
    private ChildProcess() {
    }

    /** The result line's JSON, or a failure. */
    record Run(List<String> lines, String resultJson, String failure) {
    }

    static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        List<String> lines = new ArrayList<>();
        try {
            Process p = pb.start();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException ignored) {
                    // the process died; what was read is kept
                }
            });
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                reader.join(5000);
                return new Run(snapshot(lines), null, "timed out after " + timeoutSeconds + " s");
            }
            reader.join(5000);
            List<String> out = snapshot(lines);
            String json = null;
            for (String l : out) {
                if (l.startsWith(PeerResult.PREFIX)) {
                    json = l.substring(PeerResult.PREFIX.length());
                }
            }
            if (p.exitValue() != 0 || json == null) {
                return new Run(out, null, "exit " + p.exitValue() + ": " + tail(out));
            }
            return new Run(out, json, null);
        } catch (IOException e) {
            return new Run(List.of(), null, "could not start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(List.of(), null, "interrupted");
        }
    }

    private static List<String> snapshot(List<String> lines) {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The last non-blank line, where a Python traceback or a Java exception says what went wrong. */
    private static String tail(List<String> out) {
        for (int i = out.size() - 1; i >= 0; i--) {
            if (!out.get(i).isBlank()) {
                String s = out.get(i).trim();
                return s.length() > 200 ? s.substring(0, 200) + "..." : s;
            }
        }
        return "no output";
    }
}
