package org.jgrad.examples.hippo;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
    @Option(names = "--data", description = "drawn, fashion, or a folder of IDX files (default ${DEFAULT-VALUE})")
    String data = "drawn";
    @Option(names = "--train-size", description = "training images (default ${DEFAULT-VALUE})")
    int trainSize = 50_000;
    @Option(names = "--test-size", description = "test images (default ${DEFAULT-VALUE})")
    int testSize = 10_000;
    @Option(names = "--seed", description = "seed of weights, shuffling and drawn data (default ${DEFAULT-VALUE})")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        MnistSource.Data d = MnistSource.parse(data).load(trainSize, testSize, seed);
        try (HippoServer server = HippoServer.start(host, port, d, seed)) {
            System.out.printf("hippo: %s; listening on http://%s:%d (POST /network/train, GET /network/status);"
                    + " Ctrl-C stops%n", d.description(), host, server.port());
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
