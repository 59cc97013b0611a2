package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StateFrameTest {

    @Test
    void sealedPayloadOpensWithItsVersionAndKey() throws IOException {
        byte[] payload = {1, 2, 3, 4, 5};
        StateFrame f = StateFrame.open(StateFrame.seal("test state", 2, "key-1", payload), "test state", 3);
        assertEquals(2, f.version());
        assertEquals("key-1", f.key());
        assertEquals(5, f.payloadLength());
        assertArrayEquals(payload, f.payload().readAllBytes());
    }

    @Test
    void everyProblemIsTypedAndOneLine() {
        byte[] sealed = StateFrame.seal("test state", 1, "k", new byte[] {9, 8, 7});
        assertEquals(Problem.FOREIGN, assertThrows(StateFormatException.class,
                () -> StateFrame.open(sealed, "other state", 1)).problem());
        assertEquals("other state: foreign: the bytes hold a test state, not a other state", assertThrows(
                StateFormatException.class, () -> StateFrame.open(sealed, "other state", 1)).getMessage());
        assertEquals(Problem.TRUNCATED, assertThrows(StateFormatException.class,
                () -> StateFrame.open(Arrays.copyOf(sealed, sealed.length - 1), "test state", 1)).problem());
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertEquals("test state: corrupt: 1 bytes follow the 3-byte payload", assertThrows(StateFormatException.class,
                () -> StateFrame.open(longer, "test state", 1)).getMessage());
        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        assertEquals(Problem.CORRUPT, assertThrows(StateFormatException.class,
                () -> StateFrame.open(flipped, "test state", 1)).problem());
        assertEquals(Problem.UNSUPPORTED_VERSION, assertThrows(StateFormatException.class,
                () -> StateFrame.open(StateFrame.seal("test state", 4, "k", new byte[0]), "test state", 3)).problem());
        assertEquals("test state: corrupt: no bytes (null)", assertThrows(StateFormatException.class,
                () -> StateFrame.open(null, "test state", 1)).getMessage());
    }
}
