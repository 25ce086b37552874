package org.jgrad.nn.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes that either fully happen or leave the previous file untouched.
 *
 * <p>{@link #write} writes into a fresh temporary file next to the target ({@code .NAME.RANDOM.tmp} in
 * the same directory, so that the final rename never crosses file systems), forces it to disk, and
 * renames it over the target with {@link StandardCopyOption#ATOMIC_MOVE}. A reader therefore sees either
 * the old file or the complete new one, never a torn one, even if the JVM or the machine dies mid-write.
 * On any failure (the body throws, the disk is full, the rename is refused) the temporary file is
 * deleted and the target keeps its previous contents. A symbolic link at the target is replaced by the
 * new file, not followed.
 *
 * <p>The temporary file is created with {@code CREATE_NEW} rather than {@code Files.createTempFile}
 * because the latter makes owner-only (0600) files on POSIX systems, and the renamed checkpoint would
 * silently lose the usual umask permissions.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("run/model.safetensors"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /** Enough to make small writes (headers, IDX records) cheap while large chunks bypass the buffer. */
    private static final int BUFFER_BYTES = 1 << 16;
    /** Keeps {@code .NAME.RANDOM.tmp} under the usual 255-byte file-name limit. */
    private static final int MAX_NAME_IN_TEMP = 200;
    private static final int CREATE_ATTEMPTS = 16;

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} atomically with the bytes {@code body} writes to the stream it is given.
     * The stream is buffered; the body may close it or not (closing only flushes). The parent directory
     * must exist.
     *
     * @throws IOException what the body threw, or the I/O failure; the target is then unchanged and no
     *     temporary file remains
     */
    public static void write(Path target, IOConsumer<? super OutputStream> body) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path fileName = absolute.getFileName();
        if (fileName == null) {
            throw new IllegalArgumentException("AtomicFiles.write: " + target + " names no file");
        }
        if (Files.isDirectory(absolute)) {
            throw new IOException("AtomicFiles.write: " + target + " is a directory, not a file");
        }
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            // Else the error would name our temporary file, a path the caller never wrote.
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "cannot save " + target + ": the folder "
                    + dir + " does not exist (create it first, e.g. Files.createDirectories)");
        }
        TempFile temp = createTemp(dir, fileName.toString());
        try {
            try (FileChannel channel = temp.channel()) {
                BufferedOutputStream buffered =
                        new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                body.accept(new CloseShield(buffered));
                buffered.flush();
                channel.force(true);
            }
            Files.move(temp.path(), absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp.path());
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncDirectory(dir);
    }

    private record TempFile(Path path, FileChannel channel) {
    }

    private static TempFile createTemp(Path dir, String name) throws IOException {
        String base = name.length() > MAX_NAME_IN_TEMP ? name.substring(0, MAX_NAME_IN_TEMP) : name;
        for (int attempt = 1; ; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            Path tmp = dir.resolve("." + base + "." + random + ".tmp");
            try {
                return new TempFile(tmp, FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            } catch (FileAlreadyExistsException e) {
                // someone else's file, never ours to delete: pick another name
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes the rename itself durable (POSIX keeps directory entries in the directory's own blocks).
     * Best effort: some platforms (Windows) cannot open a directory as a channel, and by now the new
     * contents are complete and on disk either way.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // see the method comment
        }
    }

    /**
     * Hands the body a stream it may close without closing the channel, which must stay open until the
     * data is forced to disk; writes go straight through (FilterOutputStream would copy byte by byte).
     */
    private static final class CloseShield extends FilterOutputStream {
        CloseShield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
