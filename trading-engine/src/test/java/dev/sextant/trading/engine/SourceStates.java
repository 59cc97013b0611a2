package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.trading.core.Instrument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A restorable signal source's state of one instrument as bytes, and back: for the sources' state tests. */
public final class SourceStates {
    private SourceStates() {
    }

    /** What {@code source} writes for {@code instrument}. */
    public static byte[] bytes(RestorableSignalSource source, Instrument instrument) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            source.writeState(instrument, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Restores {@code instrument} of {@code source} from {@code state}, asserting that all of it is read. */
    public static void restore(RestorableSignalSource source, Instrument instrument, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            source.readState(instrument, in);
            assertEquals(0, in.available(), "the state is read to its end");
        }
    }
}
