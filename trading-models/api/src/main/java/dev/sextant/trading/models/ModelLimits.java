package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Size limits on model files and bundles, checked before memory or disk is spent on them, so that
 * a hostile or corrupted file ends in a {@link ModelLoadException} rather than an
 * {@link OutOfMemoryError} or a full disk. {@code docs/models.md} lists the defaults.
 *
 * <p>{@link #defaults()} reads each limit from a system property when it is set (for example
 * {@code -Dsextant.models.maxModelBytes=3000000000} is refused: a model file is read into one
 * Java array, so at most {@value #MAX_ARRAY_BYTES} bytes), otherwise uses the built-in default.
 * Adapters read their files with {@code ModelLimits.defaults().readModelFile(file)}.
 *
 * @param maxModelBytes     largest model file an adapter reads, in bytes (1..{@value #MAX_ARRAY_BYTES})
 * @param maxBundleBytes    largest total size of the files a zip bundle inflates to, in bytes
 * @param maxEntryBytes     largest single zip entry, inflated, in bytes
 * @param maxEntries        most entries (files and folders) in a zip bundle
 * @param maxInflationRatio most inflated bytes per compressed byte of a zip entry larger than
 *                          {@value #RATIO_FREE_BYTES} bytes (smaller entries cannot exhaust anything)
 */
public record ModelLimits(long maxModelBytes, long maxBundleBytes, long maxEntryBytes, int maxEntries,
        int maxInflationRatio) {

    /** The largest array the JVM allocates reliably, and so the largest model file. */
    public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
    /** Default {@link #maxModelBytes()}: 1 GiB. */
    public static final long DEFAULT_MAX_MODEL_BYTES = 1L << 30;
    /** Default {@link #maxBundleBytes()}: 2 GiB. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 2L << 30;
    /** Default {@link #maxEntryBytes()}: 1 GiB. */
    public static final long DEFAULT_MAX_ENTRY_BYTES = 1L << 30;
    /** Default {@link #maxEntries()}. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000;
    /** Default {@link #maxInflationRatio()}. */
    public static final int DEFAULT_MAX_INFLATION_RATIO = 100;
    /** Inflated size up to which a zip entry is exempt from the ratio check: 1 MiB. */
    public static final long RATIO_FREE_BYTES = 1L << 20;

    /** System property overriding {@link #maxModelBytes()}. */
    public static final String MAX_MODEL_BYTES_PROPERTY = "sextant.models.maxModelBytes";
    /** System property overriding {@link #maxBundleBytes()}. */
    public static final String MAX_BUNDLE_BYTES_PROPERTY = "sextant.models.maxBundleBytes";
    /** System property overriding {@link #maxEntryBytes()}. */
    public static final String MAX_ENTRY_BYTES_PROPERTY = "sextant.models.maxEntryBytes";
    /** System property overriding {@link #maxEntries()}. */
    public static final String MAX_ENTRIES_PROPERTY = "sextant.models.maxEntries";
    /** System property overriding {@link #maxInflationRatio()}. */
    public static final String MAX_INFLATION_RATIO_PROPERTY = "sextant.models.maxInflationRatio";

    /** Validates: every limit positive, {@code maxModelBytes} at most {@value #MAX_ARRAY_BYTES}. */
    public ModelLimits {
        Checks.positive(maxModelBytes, "maxModelBytes");
        if (maxModelBytes > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("maxModelBytes must be at most " + MAX_ARRAY_BYTES + " but was "
                    + maxModelBytes);
        }
        Checks.positive(maxBundleBytes, "maxBundleBytes");
        Checks.positive(maxEntryBytes, "maxEntryBytes");
        Checks.positive(maxEntries, "maxEntries");
        Checks.positive(maxInflationRatio, "maxInflationRatio");
    }

    /**
     * The built-in defaults, each overridden by its system property when set.
     *
     * @throws ModelLoadException naming the property when one is set to something other than a
     *                            positive whole number in range
     */
    public static ModelLimits defaults() {
        try {
            return new ModelLimits(
                    property(MAX_MODEL_BYTES_PROPERTY, DEFAULT_MAX_MODEL_BYTES),
                    property(MAX_BUNDLE_BYTES_PROPERTY, DEFAULT_MAX_BUNDLE_BYTES),
                    property(MAX_ENTRY_BYTES_PROPERTY, DEFAULT_MAX_ENTRY_BYTES),
                    Math.toIntExact(property(MAX_ENTRIES_PROPERTY, DEFAULT_MAX_ENTRIES)),
                    Math.toIntExact(property(MAX_INFLATION_RATIO_PROPERTY, DEFAULT_MAX_INFLATION_RATIO)));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelLoadException("model limits from system properties are invalid: " + e.getMessage(), e);
        }
    }

    private static long property(String name, long def) {
        String v = System.getProperty(name);
        if (v == null) {
            return def;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be a whole number of bytes but was '"
                    + v + "'");
        }
    }

    /** These limits with another {@link #maxModelBytes()}. */
    public ModelLimits withMaxModelBytes(long bytes) {
        return new ModelLimits(bytes, maxBundleBytes, maxEntryBytes, maxEntries, maxInflationRatio);
    }

    /** These limits with another {@link #maxBundleBytes()}. */
    public ModelLimits withMaxBundleBytes(long bytes) {
        return new ModelLimits(maxModelBytes, bytes, maxEntryBytes, maxEntries, maxInflationRatio);
    }

    /** These limits with another {@link #maxEntryBytes()}. */
    public ModelLimits withMaxEntryBytes(long bytes) {
        return new ModelLimits(maxModelBytes, maxBundleBytes, bytes, maxEntries, maxInflationRatio);
    }

    /** These limits with another {@link #maxEntries()}. */
    public ModelLimits withMaxEntries(int entries) {
        return new ModelLimits(maxModelBytes, maxBundleBytes, maxEntryBytes, entries, maxInflationRatio);
    }

    /** These limits with another {@link #maxInflationRatio()}. */
    public ModelLimits withMaxInflationRatio(int ratio) {
        return new ModelLimits(maxModelBytes, maxBundleBytes, maxEntryBytes, maxEntries, ratio);
    }

    /**
     * Reads a whole model file, refusing anything that is not a regular file (a device such as
     * {@code /dev/zero}, a pipe, a folder) and any file larger than {@link #maxModelBytes()}, the
     * latter checked before reading; a file that changes size while it is read is refused too.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException         with a message saying what is wrong (not a regular file, too
     *                             large, or the operating system's reason)
     */
    public byte[] readModelFile(Path file) throws IOException {
        Checks.notNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("is not a regular file (a device, pipe or folder cannot be a model file)");
        }
        long size = Files.size(file);
        if (size > maxModelBytes) {
            throw tooLarge(size);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) size);
            if (bytes.length != size || in.read() >= 0) {
                throw new IOException("changed size while it was read (" + size + " bytes expected)");
            }
            return bytes;
        }
    }

    /**
     * Reads a whole model file as strict UTF-8 with the checks of {@link #readModelFile}.
     *
     * @throws IOException also when the bytes are not valid UTF-8
     */
    public String readModelText(Path file) throws IOException {
        byte[] bytes = readModelFile(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("is not UTF-8 text (a binary file?)", e);
        }
    }

    private IOException tooLarge(long size) {
        return new IOException("is larger than the model file limit of " + maxModelBytes + " bytes (" + size
                + " bytes or more; raise it with -D" + MAX_MODEL_BYTES_PROPERTY + "=BYTES)");
    }
}
