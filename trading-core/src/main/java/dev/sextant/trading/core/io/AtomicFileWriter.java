package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes files so that a reader, a crash or a full disk never sees a half-written file: the
 * content goes to a temporary file in the target's directory ({@code .name.<random>.tmp}), is
 * flushed to the device ({@code fsync}), and is then renamed over the target in one atomic step;
 * the directory is synced too, so the rename survives a power loss. Either the old file or the
 * complete new one is there, never a truncated one. On any failure (an exception from the code
 * that writes the content included) the temporary file is deleted and the old file is left as it
 * was.
 *
 * <p>A directory (a model bundle) is written the same way: into a temporary sibling directory
 * whose files are synced, then renamed into place. A replaced file keeps the old file's POSIX
 * permissions where the file system has them; a symbolic link at the target is replaced by the
 * file, not followed.
 *
 * <p>Every method throws an {@link IOException} whose message names the target and gives the
 * operating system's reason ({@code "cannot write out.csv: No space left on device"}).
 * Thread-safe: stateless; concurrent writers of one target each produce a complete file and the
 * last rename wins.
 */
public final class AtomicFileWriter {
    private static final int BUFFER = 1 << 16;

    private AtomicFileWriter() {
    }

    /** Writes content as bytes. */
    @FunctionalInterface
    public interface ByteContent {
        /** Writes the content to {@code out}; the stream is buffered and must not be closed. */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes content as text. */
    @FunctionalInterface
    public interface TextContent {
        /** Writes the content to {@code out} (UTF-8, buffered); must not close it. */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Fills a fresh, empty directory.
     *
     * @param <T> what the filling returns (for example a manifest)
     */
    @FunctionalInterface
    public interface DirectoryContent<T> {
        /** Writes every file of the directory under {@code dir}. */
        T writeInto(Path dir) throws IOException;
    }

    /**
     * Replaces {@code target} with the bytes {@code content} writes.
     *
     * @throws IOException naming the target and the reason, after removing the temporary file
     */
    public static void write(Path target, ByteContent content) throws IOException {
        Checks.notNull(target, "target");
        Checks.notNull(content, "content");
        Path dir = parent(target);
        Path tmp = temporarySibling(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER);
                content.writeTo(new UnclosableOutputStream(out));
                out.flush();
                ch.force(true);
            }
            keepPermissions(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure(target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Replaces {@code target} with the UTF-8 text {@code content} writes. */
    public static void writeText(Path target, TextContent content) throws IOException {
        Checks.notNull(content, "content");
        write(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
            content.writeTo(w);
            w.flush();
        });
    }

    /** Replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        Checks.notNull(text, "text");
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@link #writeText} for callers without checked exceptions.
     *
     * @throws UncheckedIOException naming the target and the reason
     */
    public static void writeTextUnchecked(Path target, TextContent content) {
        try {
            writeText(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Creates the directory {@code target} with the files {@code content} writes: they are written
     * into a temporary sibling directory, synced, and the directory is renamed into place. The
     * target must not exist, or be an empty directory (which is replaced).
     *
     * @return what {@code content} returned
     * @throws IOException naming the target and the reason (a non-empty target included), after
     *         removing the temporary directory
     */
    public static <T> T writeDirectory(Path target, DirectoryContent<T> content) throws IOException {
        Checks.notNull(target, "target");
        Checks.notNull(content, "content");
        Path dir = parent(target);
        Path tmp = temporarySibling(target);
        T result;
        try {
            Files.createDirectory(tmp);
            result = content.writeInto(tmp);
            syncTree(tmp);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target); // only an empty directory can be deleted: a full one is never replaced
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (DirectoryNotEmptyException e) {
            deleteTreeQuietly(tmp);
            throw new IOException("cannot write " + target + ": the directory is not empty", e);
        } catch (FileAlreadyExistsException e) {
            deleteTreeQuietly(tmp);
            throw new IOException("cannot write " + target + ": it exists and is not an empty directory", e);
        } catch (IOException e) {
            deleteTreeQuietly(tmp);
            throw failure(target, e);
        } catch (RuntimeException | Error e) {
            deleteTreeQuietly(tmp);
            throw e;
        }
        syncDirectory(dir);
        return result;
    }

    private static IOException failure(Path target, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot write " + target + ":")) {
            return e;
        }
        return new IOException("cannot write " + target + ": " + IoErrors.reason(e), e);
    }

    private static Path parent(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IllegalArgumentException("cannot write " + target + ": it is not a file path");
        }
        return dir;
    }

    private static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName().toString();
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        long r = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return abs.resolveSibling("." + name + "." + Long.toString(r, 36) + ".tmp");
    }

    private static void keepPermissions(Path target, Path tmp) {
        try {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to read: the new file keeps the default permissions
        }
    }

    private static void syncTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                syncDirectory(p);
            }
        }
    }

    /** Makes a rename in {@code dir} durable; a file system that cannot sync directories is skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems cannot open or sync a directory; the rename itself is still atomic
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the failure being reported matters more than a left-over temporary file
        }
    }

    private static void deleteTreeQuietly(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // as above
        }
    }

    /** Keeps the content writer from closing the stream before it is synced. */
    private static final class UnclosableOutputStream extends java.io.FilterOutputStream {
        UnclosableOutputStream(OutputStream out) {
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
