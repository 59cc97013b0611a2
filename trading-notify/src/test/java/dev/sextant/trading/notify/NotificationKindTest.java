package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationKindTest {

    @Test
    void everyKindRoundTripsThroughItsSettingsName() {
        for (NotificationKind k : NotificationKind.values()) {
            assertEquals(Optional.of(k), NotificationKind.fromConfigName(k.configName()));
        }
        assertEquals("kill_switch_tripped", NotificationKind.KILL_SWITCH_TRIPPED.configName());
    }

    @Test
    void anUnknownOrUpperCaseNameIsNoKind() {
        assertEquals(Optional.empty(), NotificationKind.fromConfigName("KILL_SWITCH_TRIPPED"));
        assertEquals(Optional.empty(), NotificationKind.fromConfigName("kill_switch"));
    }
}
