package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void textIsTheTaggedTitleThenTheBody() {
        assertEquals("[sextant] Kill switch tripped: MANUAL\nby alice",
                new Notification(NotificationKind.KILL_SWITCH_TRIPPED, Instant.EPOCH, "Kill switch tripped: MANUAL", "by alice")
                        .text());
        assertEquals("[sextant] Promoted v7", new Notification(NotificationKind.PROMOTION, Instant.EPOCH, "Promoted v7", "")
                .text());
    }

    @Test
    void rejectsATitleOnSeveralLinesOrBlank() {
        assertThrows(IllegalArgumentException.class,
                () -> new Notification(NotificationKind.ROLLBACK, Instant.EPOCH, "two\nlines", ""));
        assertThrows(IllegalArgumentException.class, () -> new Notification(NotificationKind.ROLLBACK, Instant.EPOCH, " ", ""));
        assertThrows(NullPointerException.class, () -> new Notification(null, Instant.EPOCH, "t", ""));
    }
}
