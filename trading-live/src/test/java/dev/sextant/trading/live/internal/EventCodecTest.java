package dev.sextant.trading.live.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotBlank;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final Instant T = Instant.parse("2026-03-02T14:30:00.000001Z");

    @Property(tries = 300)
    void decodingAnEncodedRecordGivesItBackAndReencodesToTheSameBytes(
            @ForAll @NotBlank String instrument, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seq,
            @ForAll @DoubleRange(min = -1e12, max = 1e12) double price, @ForAll @NotBlank String note,
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000_000L) long micros) {
        Instant time = Instant.EPOCH.plusNanos(micros * 1_000);
        JournalEvent event = new JournalEvent.BarConsumed(instrument, "PT1M", seq % 1000, micros / 1000, price, price,
                price, price, Math.abs(price));
        JournalEvent other = new JournalEvent.OperatorAction(note, note, note);
        for (JournalEvent e : List.of(event, other)) {
            String payload = EventCodec.encode(seq, time, T, e);
            JournalRecord record = EventCodec.decode(payload, "h");
            assertEquals(new JournalRecord(seq, time, T, e, "h"), record);
            assertEquals(payload, EventCodec.encode(record.seq(), record.time(), record.receivedAt(), record.event()));
        }
    }

    @Property(tries = 200)
    void changingAnyCharacterOfAPayloadChangesItsChainHash(@ForAll @NotBlank String detail,
            @ForAll @LongRange(min = 0, max = 10_000) long position) {
        String payload = EventCodec.encode(7, T, T, new JournalEvent.OperatorAction("op", "PAUSE", detail));
        int at = (int) (position % payload.length());
        char c = payload.charAt(at);
        String changed = payload.substring(0, at) + (char) (c == 'x' ? 'y' : 'x') + payload.substring(at + 1);
        String previous = EventCodec.sha256Hex(new byte[] {1});
        assertNotEquals(EventCodec.chainHash(previous, payload), EventCodec.chainHash(previous, changed));
    }

    @Test
    void writesKeysSortedWithoutWhiteSpaceAndSixFractionDigits() {
        String payload = EventCodec.encode(1, Instant.parse("2026-01-02T03:04:05Z"), T,
                new JournalEvent.KillSwitchTripped("STALE_MARKET_DATA", "no bar"));
        assertEquals("{\"event\":{\"reason\":\"no bar\",\"trigger\":\"STALE_MARKET_DATA\"},"
                + "\"receivedAt\":\"2026-03-02T14:30:00.000001Z\",\"seq\":1,\"time\":\"2026-01-02T03:04:05.000000Z\","
                + "\"type\":\"KillSwitchTripped\"}", payload);
    }

    @Test
    void theFeatureDigestIsTheSha256OfTheInputsBigEndianFloats() throws Exception {
        byte[] bytes = {0x3f, (byte) 0x80, 0, 0, (byte) 0xc0, 0x20, 0, 0};  // 1.0f, -2.5f
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, EventCodec.featureDigest(new float[] {1f, -2.5f}));
        assertEquals(64, EventCodec.featureDigest(new float[0]).length());
    }

    @Test
    void truncatesTimesToMicroseconds() {
        assertEquals("2026-01-02T03:04:05.123456Z", EventCodec.formatMicros(Instant.parse("2026-01-02T03:04:05.123456789Z")));
    }

    @Test
    void rejectsAPayloadThatIsNotCanonical() {
        String payload = EventCodec.encode(1, T, T, new JournalEvent.OperatorAction("op", "PAUSE", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventCodec.decode(payload.replace(",", ", "), "h"));
        assertTrue(e.getMessage().contains("canonical"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownEventTypeAndNamesIt() {
        String payload = EventCodec.encode(1, T, T, new JournalEvent.OperatorAction("op", "PAUSE", ""))
                .replace("OperatorAction", "Teleport");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(payload, "h"));
        assertEquals("payload has unknown event type 'Teleport'", e.getMessage());
    }

    @Test
    void rejectsAnEventWithAMissingField() {
        String payload = EventCodec.encode(1, T, T, new JournalEvent.OperatorAction("op", "PAUSE", ""))
                .replace(",\"detail\":\"\"", "").replace("\"detail\":\"\",", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventCodec.decode(payload, "h"));
        assertTrue(e.getMessage().startsWith("payload's OperatorAction event is invalid"), e.getMessage());
    }

    @Test
    void rejectsATimestampWithoutMicroseconds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventCodec.parseMicros("2026-01-02T03:04:05Z"));
        assertEquals("timestamp 2026-01-02T03:04:05Z is not ISO-8601 UTC with six fraction digits", e.getMessage());
    }
}
