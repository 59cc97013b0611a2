package dev.sextant.trading.service.internal;

import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Files served under a URL prefix from one folder (on disk or in the class path), never from
 * outside it. A request path is decoded once and refused (not found) when any segment is empty,
 * {@code .} or {@code ..}, or holds a backslash, a NUL, a colon or a percent sign (a second
 * encoding); on disk the resolved file must also lie inside the folder after symbolic links are
 * followed, and must be a regular file. Only known file types are served. Thread-safe.
 */
public final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8",
            "csv", "text/csv; charset=utf-8");

    private final Path folder;
    private final String resourceRoot;
    private final ClassLoader loader;

    /** A file to send. */
    public record Found(byte[] body, String contentType) {
    }

    private StaticFiles(Path folder, String resourceRoot, ClassLoader loader) {
        this.folder = folder;
        this.resourceRoot = resourceRoot;
        this.loader = loader;
    }

    /**
     * Files of a folder on disk.
     *
     * @throws IllegalArgumentException if it is not a directory
     */
    public static StaticFiles folder(Path folder) {
        Checks.notNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("static files folder " + folder + " is not a directory");
        }
        try {
            return new StaticFiles(folder.toRealPath(), null, null);
        } catch (IOException e) {
            throw new IllegalArgumentException("static files folder " + folder + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    /** Files of a class-path folder such as {@code dev/sextant/trading/service/dashboard}. */
    public static StaticFiles resources(ClassLoader loader, String root) {
        return new StaticFiles(null, Checks.notBlank(root, "root"), Checks.notNull(loader, "loader"));
    }

    /**
     * The file at {@code rawPath} (the request path after the prefix, still percent-encoded), or
     * empty when there is none or the path is refused.
     */
    public Optional<Found> find(String rawPath) {
        Optional<String> name = safeName(rawPath);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String n = name.get();
        int dot = n.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(n.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) {
            return Optional.empty();
        }
        try {
            if (folder != null) {
                Path p = folder.resolve(n).normalize();
                if (!p.startsWith(folder) || !Files.isRegularFile(p)) {
                    return Optional.empty();
                }
                Path real = p.toRealPath();
                if (!real.startsWith(folder) || !Files.isRegularFile(real)) {
                    return Optional.empty();
                }
                return Optional.of(new Found(Files.readAllBytes(real), type));
            }
            try (InputStream in = loader.getResourceAsStream(resourceRoot + "/" + n)) {
                return in == null ? Optional.empty() : Optional.of(new Found(in.readAllBytes(), type));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The decoded, checked relative name of a request path, or empty when refused. An empty
     * path is {@code index.html}.
     */
    public static Optional<String> safeName(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = percentDecode(rawPath);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (decoded.isEmpty() || decoded.endsWith("/")) {
            decoded = decoded + "index.html";
        }
        if (decoded.startsWith("/") || decoded.indexOf('\\') >= 0 || decoded.indexOf('\0') >= 0
                || decoded.indexOf(':') >= 0 || decoded.indexOf('%') >= 0) {
            return Optional.empty();
        }
        for (String segment : decoded.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }

    private static String percentDecode(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                out[n++] = (byte) HexFormat.fromHexDigits(s, i + 1, i + 3);
                i += 2;
            } else if (c > 0x7f) {
                throw new IllegalArgumentException("raw non-ASCII character");
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
