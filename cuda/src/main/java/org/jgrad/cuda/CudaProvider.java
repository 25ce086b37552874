package org.jgrad.cuda;

import java.util.Optional;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.BackendProvider;

/**
 * Finds the GPU for {@link org.jgrad.core.backend.Backends}: opens the CUDA driver and device 0 (or
 * {@code -Djgrad.cuda.device=N}). Where there is no driver ({@code libcuda.so.1}), no GPU, or a driver too old
 * for our PTX, the backend is unavailable with one line saying which; nothing crashes. Its priority is below
 * the CPU's SIMD backend: the GPU is used when asked for ({@code -Djgrad.backend=cuda} or {@code to(gpu)}).
 */
public final class CudaProvider implements BackendProvider {
    private volatile String reason;

    @Override
    public String name() {
        return CudaBackend.NAME;
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public Optional<Backend> create() {
        try {
            return Optional.of(new CudaBackend(CudaDevice.openDefault()));
        } catch (LinkageError e) {
            reason = linkFailure(oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            reason = oneLine(e.getMessage());
        }
        return Optional.empty();
    }

    /** JCuda's load error holds nested stack traces; the user needs the missing library, in one line. */
    static String linkFailure(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(lib[\\w.+-]+\\.so[\\w.]*): cannot open shared object file")
                .matcher(message);
        if (m.find()) {
            return "no NVIDIA driver here: " + m.group(1) + " cannot be loaded (install the NVIDIA driver)";
        }
        int cut = message.indexOf("---(start");
        String head = cut > 0 ? message.substring(0, cut).strip() : message;
        return "JCuda's native library could not be loaded: " + (head.length() > 200 ? head.substring(0, 200) + "..." : head);
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(reason);
    }
}
