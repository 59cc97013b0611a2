package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * The envelope of a saved streaming state: a magic number, the state's kind and format version,
 * a key that ties the state to the object it came from (e.g. a feature spec's hash), the payload
 * length and its CRC-32, then the payload. {@link #seal} writes one; {@link #open} checks every
 * part before any payload byte is read, so a truncated, corrupted, foreign or newer state is a
 * {@link StateFormatException} rather than a silently wrong restore.
 *
 * <p>Layout (big-endian, {@link DataOutputStream} encoding): {@code int magic 0x53585354 ("SXST"),
 * UTF kind, int version, UTF key, int payloadLength, int crc32(payload), payload}. Immutable and
 * thread-safe.
 */
public final class StateFrame {
    private static final int MAGIC = 0x53585354;

    private final int version;
    private final String key;
    private final byte[] payload;

    private StateFrame(int version, String key, byte[] payload) {
        this.version = version;
        this.key = key;
        this.payload = payload;
    }

    /**
     * Seals {@code payload} in an envelope.
     *
     * @param kind    the state's kind, e.g. {@code "feature engine state"}
     * @param version the payload's format version, at least 1
     * @param key     what the state belongs to (checked by the reader), not null
     * @param payload the state's bytes
     * @return the envelope's bytes
     */
    public static byte[] seal(String kind, int version, String key, byte[] payload) {
        Checks.notBlank(kind, "kind");
        Checks.positive(version, "version");
        Checks.notNull(key, "key");
        Checks.notNull(payload, "payload");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64 + key.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(kind);
            out.writeInt(version);
            out.writeUTF(key);
            out.writeInt(payload.length);
            out.writeInt(crc(payload));
            out.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Opens an envelope written by {@link #seal} for a state of {@code kind}.
     *
     * @param bytes      the envelope
     * @param kind       the kind expected
     * @param maxVersion the newest format version the caller reads
     * @return the envelope's version, key and payload
     * @throws StateFormatException if the bytes are truncated, not a state envelope, of another
     *                              kind, of a newer version, or fail the checksum
     */
    public static StateFrame open(byte[] bytes, String kind, int maxVersion) {
        Checks.notNull(kind, "kind");
        if (bytes == null) {
            throw new StateFormatException(kind, Problem.CORRUPT, "no bytes (null)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        try {
            if (bytes.length < 4 || in.readInt() != MAGIC) {
                throw new StateFormatException(kind, bytes.length < 4 ? Problem.TRUNCATED : Problem.CORRUPT,
                        bytes.length + " bytes that do not start with a Sextant state header");
            }
            String saved = in.readUTF();
            if (!saved.equals(kind)) {
                throw new StateFormatException(kind, Problem.FOREIGN, "the bytes hold a " + saved + ", not a " + kind);
            }
            int version = in.readInt();
            if (version < 1 || version > maxVersion) {
                throw new StateFormatException(kind, Problem.UNSUPPORTED_VERSION,
                        "format version " + version + " but this code reads versions 1 to " + maxVersion);
            }
            String key = in.readUTF();
            int length = in.readInt();
            int crc = in.readInt();
            int offset = bytes.length - in.available();
            if (length < 0 || length > in.available()) {
                throw new StateFormatException(kind, Problem.TRUNCATED, "the payload should hold " + length
                        + " bytes but " + in.available() + " follow the header");
            }
            if (length < in.available()) {
                throw new StateFormatException(kind, Problem.CORRUPT, (in.available() - length)
                        + " bytes follow the " + length + "-byte payload");
            }
            byte[] payload = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
            if (crc(payload) != crc) {
                throw new StateFormatException(kind, Problem.CORRUPT, "the payload's CRC-32 "
                        + Integer.toHexString(crc(payload)) + " differs from the saved " + Integer.toHexString(crc));
            }
            return new StateFrame(version, key, payload);
        } catch (java.io.EOFException e) {
            throw new StateFormatException(kind, Problem.TRUNCATED, "the header ends after " + bytes.length + " bytes");
        } catch (java.io.UTFDataFormatException e) {
            throw new StateFormatException(kind, Problem.CORRUPT, "the header holds malformed text");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail otherwise
        }
    }

    private static int crc(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }

    /** The payload's format version. */
    public int version() {
        return version;
    }

    /** The key the state was saved with. */
    public String key() {
        return key;
    }

    /** A stream over the payload. */
    public DataInputStream payload() {
        return new DataInputStream(new ByteArrayInputStream(payload));
    }

    /** The payload's length in bytes. */
    public int payloadLength() {
        return payload.length;
    }
}
