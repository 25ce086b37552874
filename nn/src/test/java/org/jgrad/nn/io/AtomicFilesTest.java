package org.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes happen completely or not at all, and never leave temporary files behind. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Saving into a folder that does not exist names that folder, not the temporary file we would have made. */
    @Test
    void aMissingFolderIsNamed() {
        Path target = dir.resolve("no-such-folder").resolve("model.safetensors");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains("the folder " + target.getParent() + " does not exist"), e.getMessage());
    }

    @Test
    void createsANewFile() throws Exception {
        Path target = dir.resolve("new.bin");
        AtomicFiles.write(target, out -> out.write(bytes("hello")));
        assertArrayEquals(bytes("hello"), Files.readAllBytes(target));
        assertEquals(List.of("new.bin"), listing());
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.write(target, bytes("old contents, longer than the new ones"));
        AtomicFiles.write(target, out -> out.write(bytes("new")));
        assertArrayEquals(bytes("new"), Files.readAllBytes(target));
        assertEquals(List.of("f.bin"), listing());
    }

    @Test
    void aWriterThatFailsMidwayLeavesThePreviousFileByteIdentical() throws Exception {
        Path target = dir.resolve("ckpt.safetensors");
        byte[] previous = Safetensors.toBytes(new SafetensorsFile(Map.of("w", NDArray.ones(DType.F32, 3))));
        Files.write(target, previous);
        IOException boom = new IOException("disk full (simulated)");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100_000]); // more than the buffer holds, so part of it reached the temp file
            throw boom;
        }));
        assertSame(boom, thrown, "the body's own exception comes back");
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertEquals(List.of("ckpt.safetensors"), listing(), "no temporary file is left");
    }

    @Test
    void anUncheckedFailureAlsoLeavesNoTrace() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.write(target, bytes("keep me"));
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write(bytes("partial"));
            throw new IllegalStateException("bug in the writer");
        }));
        assertArrayEquals(bytes("keep me"), Files.readAllBytes(target));
        assertEquals(List.of("f.bin"), listing());
    }

    @Test
    void aFailureWithNoPreviousFileCreatesNothing() throws Exception {
        Path target = dir.resolve("never.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("fail");
        }));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing());
    }

    @Test
    void theNewFileGetsTheUsualPermissionsNotOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.createFile(dir.resolve("plain.bin")); // permissions from the process umask
        Path target = dir.resolve("atomic.bin");
        AtomicFiles.write(target, out -> out.write(1));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }

    @Test
    void theBodyMayCloseTheStream() throws Exception {
        Path target = dir.resolve("closed.bin");
        AtomicFiles.write(target, out -> {
            try (OutputStream o = out) {
                o.write(bytes("abc"));
            }
        });
        assertArrayEquals(bytes("abc"), Files.readAllBytes(target));
    }

    @Test
    void aMissingDirectoryIsAnErrorAndCreatesNothing() throws Exception {
        Path target = dir.resolve("missing").resolve("f.bin");
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertEquals(List.of(), listing());
    }

    @Test
    void aDirectoryIsNotReplaced() throws Exception {
        Path target = Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(target));
        assertEquals(List.of("sub"), listing());
    }

    @Test
    void aSafetensorsWriteThatFailsLeavesThePreviousFile() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Safetensors.write(target, Map.of("a", NDArray.ones(DType.F64, 2)), Map.of());
        byte[] before = Files.readAllBytes(target);
        // refused while laying out the header, before the target is touched
        SafetensorsFile bad = new SafetensorsFile(Map.of("\uD800", NDArray.ones(DType.F64, 2)));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(target, bad));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of("model.safetensors"), listing());
    }
}
