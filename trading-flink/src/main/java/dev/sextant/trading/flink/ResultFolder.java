package dev.sextant.trading.flink;

import dev.sextant.trading.core.io.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private temporary folder that the tasks of a bounded job on a local MiniCluster write their
 * results to, read once {@code execute()} has returned; closing it deletes it with its files.
 * {@link FlinkRun} and {@link WalkForwardSweep} gather their results this way rather than through
 * Flink's result collection ({@code executeAndCollect}), whose last fetch can race the local
 * cluster's shutdown and lose results ("some data might be lost"). Not thread-safe.
 */
final class ResultFolder implements AutoCloseable {
    private final Path path;

    private ResultFolder(Path path) {
        this.path = path;
    }

    /**
     * Creates an empty folder in the system's temporary folder (owner-only where the file system
     * has POSIX permissions).
     *
     * @param prefix the start of the folder's name, naming the job
     * @throws UncheckedIOException if it cannot be created
     */
    static ResultFolder create(String prefix) {
        try {
            return new ResultFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the job's results: "
                    + IoErrors.reason(e), e);
        }
    }

    /** The folder. */
    Path path() {
        return path;
    }

    /**
     * Deletes the folder and everything in it.
     *
     * @throws UncheckedIOException naming the file that could not be deleted
     */
    @Override
    public void close() {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(path)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + " to delete it: " + IoErrors.reason(e), e);
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p + ": " + IoErrors.reason(e), e);
            }
        }
    }
}
