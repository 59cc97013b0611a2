package dev.sextant.trading.models.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The one zip extractor: unpacks a zip into an empty folder under {@link ModelLimits}, checking
 * before anything is written that the entry count is within limits, no two entries name the same
 * path (after normalisation, ignoring case, so {@code manifest.json} cannot appear twice), no
 * entry escapes the folder, and the sizes the entries declare keep within the per-entry, total
 * and inflation-ratio limits; and while inflating, before each chunk is written, that no entry
 * grows past its declared size and, again, the entry's size, the total size and the ratio. A zip
 * bomb therefore is refused before it is written, or (a forged header) within one buffer of its
 * declared size, never after filling the disk.
 *
 * <p>The central directory is authoritative ({@link ZipFile}); the compressed size used for the
 * ratio is capped by the zip file's own size, so a forged header cannot buy a larger allowance.
 * Stateless and thread-safe.
 */
public final class ZipExtractor {

    private static final int BUFFER = 1 << 16;

    private ZipExtractor() {
    }

    /**
     * Extracts {@code zip} into {@code target}, which must exist and be empty.
     *
     * @param what names the zip in errors, e.g. {@code "bundle /tmp/b.zip"}
     * @return the regular files written, as paths relative to {@code target} with forward slashes
     * @throws ModelLoadException naming the zip, the entry and the limit, for a zip that is not
     *                            readable, breaks a limit, has a duplicate or escaping entry, or
     *                            is empty; files already written stay for the caller to delete
     */
    public static List<String> extract(Path zip, Path target, ModelLimits limits, String what) {
        Checks.notNull(zip, "zip");
        Checks.notNull(target, "target");
        Checks.notNull(limits, "limits");
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            long zipSize = Files.size(zip);
            if (z.size() > limits.maxEntries()) {
                throw new ModelLoadException(what + " has " + z.size() + " entries but at most " + limits.maxEntries()
                        + " are allowed (" + ModelLimits.MAX_ENTRIES_PROPERTY + ")");
            }
            if (z.size() == 0) {
                throw new ModelLoadException(what + " is an empty zip file");
            }
            List<ZipEntry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long declaredTotal = 0;
            for (Enumeration<? extends ZipEntry> e = z.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                Path path = resolve(root, entry.getName(), what);
                String key = root.relativize(path).toString().replace('\\', '/').toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    throw new ModelLoadException(what + " has two entries for '" + ErrorText.value(entry.getName())
                            + "': a zip with duplicate entries is ambiguous (which one is read depends on the tool)"
                            + " and is refused");
                }
                if (!entry.isDirectory()) {
                    // The sizes the central directory declares are checked before anything is
                    // written; inflating past the declared size is refused below, so a lying
                    // header cannot get around these checks.
                    long declared = Math.max(entry.getSize(), 0);
                    declaredTotal += declared;
                    check(entry, declared, declaredTotal, ratioBase(entry, zipSize), limits, what);
                }
                entries.add(entry);
            }
            List<String> written = new ArrayList<>();
            long total = 0;
            byte[] buffer = new byte[BUFFER];
            for (ZipEntry entry : entries) {
                Path path = resolve(root, entry.getName(), what);
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                long compressed = ratioBase(entry, zipSize);
                long declared = entry.getSize();
                long entryBytes = 0;
                try (InputStream in = z.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        entryBytes += n;
                        total += n;
                        if (declared >= 0 && entryBytes > declared) {
                            throw new ModelLoadException(what + " entry '" + ErrorText.value(entry.getName())
                                    + "' inflates to more than the " + declared + " bytes its header declares (a forged"
                                    + " zip?)");
                        }
                        check(entry, entryBytes, total, compressed, limits, what);
                        out.write(buffer, 0, n);
                    }
                }
                written.add(root.relativize(path).toString().replace('\\', '/'));
            }
            return written;
        } catch (ZipException e) {
            throw new ModelLoadException(what + " is not a valid zip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelLoadException(what + " cannot be extracted: " + e.getMessage(), e);
        }
    }

    /** The compressed size the ratio is measured against, capped by the zip's own size. */
    private static long ratioBase(ZipEntry entry, long zipSize) {
        return Math.min(Math.max(entry.getCompressedSize(), 1), Math.max(zipSize, 1));
    }

    private static void check(ZipEntry entry, long entryBytes, long total, long compressed, ModelLimits limits,
            String what) {
        String name = ErrorText.value(entry.getName());
        if (entryBytes > limits.maxEntryBytes()) {
            throw new ModelLoadException(what + " entry '" + name + "' inflates to more than " + limits.maxEntryBytes()
                    + " bytes, the limit per entry (" + ModelLimits.MAX_ENTRY_BYTES_PROPERTY + ")");
        }
        if (total > limits.maxBundleBytes()) {
            throw new ModelLoadException(what + " inflates to more than " + limits.maxBundleBytes()
                    + " bytes in all, the limit per bundle (" + ModelLimits.MAX_BUNDLE_BYTES_PROPERTY + "), at entry '"
                    + name + "'");
        }
        if (entryBytes > ModelLimits.RATIO_FREE_BYTES && (double) entryBytes / compressed > limits.maxInflationRatio()) {
            throw new ModelLoadException(what + " entry '" + name + "' inflates " + compressed + " compressed bytes to "
                    + entryBytes + " bytes or more, a ratio above the limit of " + limits.maxInflationRatio()
                    + " (a zip bomb?; " + ModelLimits.MAX_INFLATION_RATIO_PROPERTY + ")");
        }
    }

    private static Path resolve(Path root, String name, String what) {
        Path path;
        try {
            path = root.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new ModelLoadException(what + " entry '" + ErrorText.value(name) + "' is not a valid path: "
                    + e.getReason());
        }
        if (name.startsWith("/") || name.contains("\\") || !path.startsWith(root) || path.equals(root)) {
            throw new ModelLoadException(what + " entry '" + ErrorText.value(name) + "' would extract outside the bundle");
        }
        return path;
    }
}
