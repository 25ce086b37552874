package org.jgrad.examples.hippo;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./jgrad hippo serve}: the training service ({@link HippoServer}) until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the training run over HTTP: POST /network/train streams each epoch's test accuracy as"
                + " Server-Sent Events; GET /network/status.")
public final class HippoServe implements Callable<Integer> {
    @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE}: this machine only)")
    String host = "127.0.0.1";
    @Option(names = "--port", description = "port (default ${DEFAULT-VALUE}; 0 = any free one)")
    int port = 8080;
    @Mixin
    DataOptions data = new DataOptions();

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535 || data.trainSize < 1 || data.testSize < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--port must be in [0, 65535] and"
                    + " --train-size, --test-size at least 1, got " + port + ", " + data.trainSize + ", " + data.testSize);
        }
        MnistSource.Data d = data.load();
        try (HippoServer server = HippoServer.start(host, port, d, data.seed)) {
            System.out.printf("hippo: %s; listening on http://%s:%d (POST /network/train, GET /network/status);"
                    + " Ctrl-C stops%n", d.description(), host, server.port());
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
