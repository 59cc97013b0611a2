package dev.sextant.trading.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's reason for an I/O error in words, without the Java exception's class
 * name: {@code "No space left on device"}, {@code "permission denied"}, {@code "Is a directory"}.
 * Thread-safe: stateless.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The reason of {@code e}: the file system's reason where it gave one, a phrase for the common
     * {@link FileSystemException}s that carry none, else the exception's message, else
     * {@code "I/O error"}.
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null && !fse.getReason().isBlank()) {
                return fse.getReason();
            }
            return switch (fse) {
                case NoSuchFileException x -> "no such file or directory";
                case AccessDeniedException x -> "permission denied";
                case FileAlreadyExistsException x -> "file already exists";
                case DirectoryNotEmptyException x -> "directory not empty";
                case NotDirectoryException x -> "not a directory";
                default -> "I/O error";
            };
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "I/O error" : m;
    }
}
