package dev.sextant.trading.models.bundle;

import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle's {@value ModelBundle#CHECKSUMS}: the SHA-256 of {@code manifest.json} and of every
 * model file, one {@code <64 hex digits><two spaces><path>} line each, sorted by path: the
 * format of {@code sha256sum}, so {@code sha256sum -c bundle.sha256} checks a bundle by hand.
 * Covering the manifest means that no byte that influences a prediction (temperature, scaler
 * means, weights, the model list) can change unnoticed.
 */
final class BundleChecksums {

    /** Largest checksum file read: a line per file, a few thousand files at most. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](\\S(?:.*\\S)?)");

    private final Map<String, String> sums;

    private BundleChecksums(Map<String, String> sums) {
        this.sums = Collections.unmodifiableMap(sums);
    }

    /**
     * Writes the checksum file of {@code files} (paths relative to {@code dir}, forward slashes),
     * replacing any previous one atomically ({@link AtomicFileWriter}).
     */
    static void write(Path dir, List<String> files) throws IOException {
        Map<String, String> sorted = new TreeMap<>();
        for (String f : files) {
            sorted.put(f, Sha256.of(dir.resolve(f)));
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((f, sha) -> sb.append(sha).append("  ").append(f).append('\n'));
        // Atomic: sealing an existing bundle must never leave a truncated checksum file behind.
        AtomicFileWriter.writeString(dir.resolve(ModelBundle.CHECKSUMS), sb.toString());
    }

    /**
     * Reads and parses the checksum file.
     *
     * @throws ModelLoadException if it is missing (naming how to re-save an older bundle), too
     *                            large, or has a malformed or repeated line (naming the line)
     */
    static BundleChecksums read(Path dir, Path bundle) {
        Path file = dir.resolve(ModelBundle.CHECKSUMS);
        String where = "bundle " + bundle + " " + ModelBundle.CHECKSUMS;
        byte[] bytes;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ModelLoadException(where + " is not a regular file");
            }
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new ModelLoadException(where + " is larger than " + MAX_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("bundle " + bundle + " has no " + ModelBundle.CHECKSUMS + ", so its "
                    + ModelBundle.MANIFEST + " is not covered by any checksum (a bundle written before Sextant checked "
                    + "manifests, or a tampered one); it is refused: train it again, or check manifest.json by hand and "
                    + "re-save it with ModelBundle.seal(dir) (or 'sha256sum manifest.json models/* > "
                    + ModelBundle.CHECKSUMS + "' in the bundle directory)", e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + where + ": " + e.getMessage(), e);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ModelLoadException(where + " line " + (i + 1) + " must be '<64 lowercase hex digits>  <path>'"
                        + " but was '" + ErrorText.value(line) + "'");
            }
            if (sums.put(m.group(2), m.group(1)) != null) {
                throw new ModelLoadException(where + " line " + (i + 1) + " lists '" + ErrorText.value(m.group(2))
                        + "' a second time");
            }
        }
        return new BundleChecksums(sums);
    }

    /**
     * Checks {@code file} (relative to {@code dir}) is listed and has the listed SHA-256.
     *
     * @param expected the SHA-256 another record (the manifest) holds for it, or null
     * @return the file's SHA-256
     * @throws ModelLoadException if the file is not listed, differs from {@code expected} or its
     *                            bytes do not match
     */
    String verify(Path dir, String file, String expected, Path bundle) {
        String listed = listed(file, expected, bundle);
        String actual;
        try {
            actual = Sha256.of(dir.resolve(file));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("bundle " + bundle + " file " + file + " is missing", e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read bundle " + bundle + " file " + file + ": " + e.getMessage(), e);
        }
        return compare(file, actual, listed, bundle);
    }

    /**
     * Checks bytes already read from {@code file} (so that the bytes checked are the bytes used).
     *
     * @throws ModelLoadException if the file is not listed or the bytes do not match
     */
    void verify(String file, byte[] bytes, Path bundle) {
        compare(file, Sha256.of(bytes), listed(file, null, bundle), bundle);
    }

    /** Whether {@code file} is listed. */
    boolean lists(String file) {
        return sums.containsKey(file);
    }

    private String listed(String file, String expected, Path bundle) {
        String listed = sums.get(file);
        if (listed == null) {
            throw new ModelLoadException("bundle " + bundle + " " + ModelBundle.CHECKSUMS + " does not list " + file
                    + ": every file that influences a prediction must be covered");
        }
        if (expected != null && !expected.equals(listed)) {
            throw new ModelLoadException("bundle " + bundle + " " + ModelBundle.MANIFEST + " records SHA-256 " + expected
                    + " for " + file + " but " + ModelBundle.CHECKSUMS + " records " + listed
                    + ": the bundle was modified; refusing to load it");
        }
        return listed;
    }

    private static String compare(String file, String actual, String listed, Path bundle) {
        if (!actual.equals(listed)) {
            throw new ModelLoadException("bundle " + bundle + " file " + file + " has SHA-256 " + actual + " but "
                    + ModelBundle.CHECKSUMS + " records " + listed
                    + ": the file was modified or corrupted; refusing to load it");
        }
        return actual;
    }
}
